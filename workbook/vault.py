"""Encryption at rest: the key file, and turning it on, changing the passphrase, turning it off.

A random data key seals every file (``sealing``). It is stored only wrapped: under a key
derived by scrypt from the couple's passphrase, and under a recovery key shown once. Without
one of the two, the data cannot be recovered by anyone. ``key.json`` holds the wraps, each with
its own scrypt cost, and a ``state``: while files are being sealed or unsealed it says which,
so a run cut short is finished by the next one, never left half done.

Callers hold the folder's lock; each function here may take seconds (scrypt, every file), so
the app runs them off its UI thread.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from pydantic import BaseModel, ValidationError

from workbook.backup_list import MANIFEST_FILE
from workbook.errors import BadFile, WorkbookError
from workbook.layout import BACKUPS_FOLDER, KEY_FILE, every_data_file
from workbook.sealing import KEY_BYTES, KEY_ID_BYTES, NONCE_BYTES, Sealed
from workbook.storage import PLAIN, SEALED_MARK, Codec, fsync_folder, read_raw, write_atomically

RECOVERY_BYTES = 20
#: Shorter passphrases are refused before anything is written.
MIN_PASSPHRASE = 8
WrapBy = Literal["passphrase", "recovery"]


class WrongPassphrase(WorkbookError):
    """Neither the passphrase nor a recovery key opened the key file; nothing was changed."""


class Cost(BaseModel):
    """Scrypt's cost, kept with each wrap so it can be raised later without breaking old ones."""

    n: int
    r: int
    p: int


#: What real passphrases get (about a tenth of a second and 128 MiB); tests pass cheap ones.
REAL_COST = Cost(n=2**17, r=8, p=1)


class Wrap(BaseModel):
    by: WrapBy
    key_id: str
    salt: str
    cost: Cost
    nonce: str
    wrapped: str


class KeyFile(BaseModel):
    format: Literal[1] = 1
    state: Literal["sealed", "sealing", "unsealing"]
    key_id: str
    wraps: list[Wrap]
    idle_lock_minutes: int = 10


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def _normal(secret: str, by: WrapBy) -> bytes:
    """The same secret however it was typed: NFC for a passphrase; a recovery key without
    case, spaces or dashes."""
    if by == "recovery":
        secret = "".join(c for c in secret.upper() if c.isalnum())
    return unicodedata.normalize("NFC", secret).encode()


def _kek(secret: str, by: WrapBy, salt: bytes, cost: Cost) -> bytes:
    return Scrypt(salt=salt, length=KEY_BYTES, n=cost.n, r=cost.r, p=cost.p).derive(
        _normal(secret, by)
    )


def _wraps(keys: dict[bytes, bytes], secret: str, by: WrapBy, cost: Cost) -> list[Wrap]:
    """``keys`` each wrapped under ``secret``: one salt, so opening them costs one scrypt."""
    salt = os.urandom(16)
    kek = AESGCM(_kek(secret, by, salt, cost))
    wraps = []
    for key_id, key in keys.items():
        nonce = os.urandom(NONCE_BYTES)
        wrapped = kek.encrypt(nonce, key, b"key:" + key_id)
        wraps.append(
            Wrap(
                by=by,
                key_id=key_id.hex(),
                salt=_b64(salt),
                cost=cost,
                nonce=_b64(nonce),
                wrapped=_b64(wrapped),
            )
        )
    return wraps


def new_recovery_key() -> str:
    """A recovery key to write down: 32 letters and digits in groups of four."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode()
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def is_encrypted(folder: Path) -> bool:
    return (folder / KEY_FILE).exists()


def read_key_file(folder: Path) -> KeyFile:
    path = folder / KEY_FILE
    raw = read_raw(path)
    if raw is None:
        raise BadFile(path, "foreign", "missing")
    try:
        key_file = KeyFile.model_validate(json.loads(raw))
        for wrap in key_file.wraps:  # every field a later step decodes, decoded once here
            bytes.fromhex(wrap.key_id), _unb64(wrap.salt), _unb64(wrap.nonce)
            Scrypt(salt=b"check", length=KEY_BYTES, n=wrap.cost.n, r=wrap.cost.r, p=wrap.cost.p)
        bytes.fromhex(key_file.key_id)
    except (ValueError, ValidationError) as error:
        raise BadFile(path, "foreign", "not a key file") from error
    return key_file


def _write_key_file(folder: Path, key_file: KeyFile) -> None:
    write_atomically(folder / KEY_FILE, key_file.model_dump_json(indent=2).encode())


def unlock(folder: Path, secret: str) -> Sealed:
    """The codec for ``folder``, opened by its passphrase or a recovery key; ``WrongPassphrase``
    otherwise. Only reads."""
    key_file = read_key_file(folder)
    keys: dict[bytes, bytes] = {}
    derived: dict[tuple[str, WrapBy], bytes] = {}
    for wrap in key_file.wraps:
        kek = derived.get((wrap.salt, wrap.by))
        if kek is None:
            kek = _kek(secret, wrap.by, _unb64(wrap.salt), wrap.cost)
            derived[(wrap.salt, wrap.by)] = kek
        key_id = bytes.fromhex(wrap.key_id)
        try:
            keys[key_id] = AESGCM(kek).decrypt(
                _unb64(wrap.nonce), _unb64(wrap.wrapped), b"key:" + key_id
            )
        except InvalidTag:
            continue
        if key_file.state == "sealed" and key_id.hex() == key_file.key_id:
            break  # the passphrase opened it: no need to pay for the recovery key's scrypt
    current = bytes.fromhex(key_file.key_id)
    if current not in keys:
        raise WrongPassphrase()
    return Sealed(keys, current, lenient=key_file.state != "sealed")


def _rewrite_all(
    folder: Path, reading: Codec, writing: Codec, done: Callable[[bytes], bool]
) -> None:
    """Rewrite every data file, backups included, from ``reading`` to ``writing``; files for
    which ``done`` says so already are left alone, so running it again finishes the job."""
    for path, name in every_data_file(folder):
        raw = read_raw(path)
        if raw is not None and not done(raw):
            write_atomically(path, writing.seal(name, reading.unseal(path, name, raw)))


def _is_plain(raw: bytes) -> bool:
    return not raw.startswith(SEALED_MARK)


def finish(folder: Path, codec: Sealed) -> Codec:
    """Complete what the key file says is under way (after a crash, or as the last step of
    each change): seal every file with the current key and forget any other, or unseal every
    file and remove the key file. Returns how files are kept from now on: the one thing to
    save with afterwards (a retiring key, or a key file gone, must never seal anything)."""
    key_file = read_key_file(folder)
    lenient = Sealed(codec.keys, codec.current, lenient=True)
    if key_file.state == "unsealing":
        _tidy(folder)
        _rewrite_all(folder, lenient, PLAIN, _is_plain)
        (folder / KEY_FILE).unlink()
        fsync_folder(folder)
        return PLAIN
    if key_file.state == "sealing":
        _tidy(folder)
        _rewrite_all(folder, lenient, lenient, lenient.is_sealed_now)
        current = [w for w in key_file.wraps if w.key_id == key_file.key_id]
        _write_key_file(folder, key_file.model_copy(update={"state": "sealed", "wraps": current}))
    return Sealed({codec.current: codec.keys[codec.current]}, codec.current)


def _tidy(folder: Path) -> None:
    """Before sealing or unsealing: remove what could hold words the other way and that no
    rewrite reaches: temp files of writers that died mid-save (anywhere, backups included),
    half-made or half-dropped backup generations, and backup manifests (hashes of the files
    as they were; a backup without one hashes its files afresh)."""
    for temp in folder.rglob(".*.tmp"):
        if temp.is_file() and not temp.is_symlink():
            temp.unlink()
    backups = folder / BACKUPS_FOLDER
    if not backups.is_dir():
        return
    for entry in backups.iterdir():
        if entry.name.startswith(".") and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        elif entry.is_dir() and (entry / MANIFEST_FILE).is_file():
            (entry / MANIFEST_FILE).unlink()


def _readable(folder: Path, codec: Codec) -> None:
    """Every file can be read as it is kept now (``BadFile`` otherwise), before anything is
    written: a change never starts on a folder it could not finish."""
    for path, name in every_data_file(folder):
        raw = read_raw(path)
        if raw is not None:
            codec.unseal(path, name, raw)


def _start_sealing(
    folder: Path, secret: str, cost: Cost, keep: Sealed | None
) -> tuple[Sealed, str]:
    """Write a key file for a fresh data key, wrapped under ``secret`` and a new recovery key;
    ``keep``'s keys (the retiring ones) stay openable by ``secret`` alone until ``finish``."""
    key_id = secrets.token_bytes(KEY_ID_BYTES)
    keys = {key_id: secrets.token_bytes(KEY_BYTES)}
    recovery = new_recovery_key()
    wraps = _wraps(keys, recovery, "recovery", cost)
    idle = 10
    if keep is not None:
        keys |= keep.keys
        idle = read_key_file(folder).idle_lock_minutes
    wraps = _wraps(keys, secret, "passphrase", cost) + wraps
    _write_key_file(
        folder,
        KeyFile(state="sealing", key_id=key_id.hex(), wraps=wraps, idle_lock_minutes=idle),
    )
    return Sealed(keys, key_id, lenient=True), recovery


Shown = Callable[[str], None]
"""Given the recovery key the moment it exists, before any file is sealed: if sealing is then
cut short, the key has been shown, and the next unlock finishes the sealing."""


def encrypt(
    folder: Path, passphrase: str, cost: Cost | None = None, shown: Shown | None = None
) -> str:
    """Seal every file under a new data key; return the recovery key, to be shown once."""
    if is_encrypted(folder):
        raise BadFile(folder / KEY_FILE, "sealed")
    _readable(folder, PLAIN)
    codec, recovery = _start_sealing(folder, passphrase, cost or REAL_COST, None)
    if shown is not None:
        shown(recovery)
    finish(folder, codec)
    return recovery


def change_passphrase(
    folder: Path,
    codec: Sealed,
    passphrase: str,
    cost: Cost | None = None,
    shown: Shown | None = None,
) -> str:
    """A new passphrase, a new data key, every file sealed again with it (backups too), and
    a new recovery key, returned to be shown once: the old passphrase and recovery key open
    nothing any more."""
    _readable(folder, codec)
    new_codec, recovery = _start_sealing(folder, passphrase, cost or REAL_COST, codec)
    if shown is not None:
        shown(recovery)
    finish(folder, new_codec)
    return recovery


def decrypt(folder: Path, codec: Sealed) -> None:
    """Every file back to plain, then the key file removed."""
    key_file = read_key_file(folder)
    _readable(folder, codec)
    _write_key_file(folder, key_file.model_copy(update={"state": "unsealing"}))
    finish(folder, codec)


def set_idle_lock(folder: Path, minutes: int) -> None:
    _write_key_file(folder, read_key_file(folder).model_copy(update={"idle_lock_minutes": minutes}))
