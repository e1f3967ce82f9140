"""Sealed files: each data file encrypted with the workbook's data key (AES-GCM).

A sealed file is ``SEALED_MARK``, the data key's id, a fresh nonce, then the ciphertext of
the file's JSON, authenticated together with the file's path inside the data folder, so a
sealed file cannot be passed off as another. Only the key file (``vault``) says how to get the
key; this module only uses it.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from workbook.errors import BadFile
from workbook.storage import SEALED_MARK

KEY_ID_BYTES = 8
NONCE_BYTES = 12
KEY_BYTES = 32


class Sealed:
    """The codec of an encrypted workbook: seals with the ``current`` key, opens with any
    key it holds (during a change of passphrase, the retiring one too). ``lenient`` while a
    change is under way: a plain file is read as it is, since it has not been sealed yet."""

    def __init__(self, keys: dict[bytes, bytes], current: bytes, lenient: bool = False) -> None:
        self.keys = keys
        self.current = current
        self.lenient = lenient

    def seal(self, name: str, payload: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, payload, name.encode())
        return SEALED_MARK + self.current + nonce + sealed

    def unseal(self, path: Path, name: str, raw: bytes) -> bytes:
        if not raw.startswith(SEALED_MARK):
            if self.lenient:
                return raw
            raise BadFile(path, "unsealed")
        body = raw[len(SEALED_MARK) :]
        key_id, nonce = body[:KEY_ID_BYTES], body[KEY_ID_BYTES : KEY_ID_BYTES + NONCE_BYTES]
        key = self.keys.get(key_id)
        if key is None:
            raise BadFile(path, "sealed", "another key")
        try:
            return AESGCM(key).decrypt(nonce, body[KEY_ID_BYTES + NONCE_BYTES :], name.encode())
        except InvalidTag as error:
            raise BadFile(path, "foreign", "its sealing does not check out") from error

    def is_sealed_now(self, raw: bytes) -> bool:
        """Whether ``raw`` is already sealed with the current key (nothing to redo)."""
        return raw.startswith(SEALED_MARK + self.current)
