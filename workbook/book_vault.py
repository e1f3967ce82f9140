"""The workbook's calls for encryption at rest, for the settings screen: whether it is on,
turning it on or off, a new passphrase, and the idle lock's minutes.

Each call that seals or unseals takes seconds (scrypt, every file), so the app runs it off its
UI thread; the store switches to the new way of keeping files the moment the files have. The
``vault`` module (and the cryptography library) is imported only when one of these is used, so
a workbook without encryption starts without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbook.backup_list import lock_for
from workbook.backups import Backups
from workbook.layout import KEY_FILE
from workbook.storage import PLAIN, Codec
from workbook.store import Store

if TYPE_CHECKING:  # the vault (and cryptography) load only when encryption is used
    from workbook.vault import Shown


class VaultCalls:
    """Encryption for an open workbook. It holds the folder's lock, so no command can race;
    and each change holds the backups' lock, so a backup in a worker thread never copies a
    file half way through it."""

    store: Store
    _backups: Backups | None

    def _keep_files(self, codec: Codec) -> None:
        """From now on the store, and the backups' purge, keep files as ``codec`` does."""
        self.store.use_codec(codec)
        if self._backups is not None:
            self._backups.codec = codec

    @property
    def _vault_folder(self) -> Path:
        assert self.store.folder is not None, "an in-memory workbook has nothing to encrypt"
        return self.store.folder

    def is_encrypted(self) -> bool:
        return self.store.folder is not None and (self.store.folder / KEY_FILE).exists()

    def encrypt(self, passphrase: str, shown: Shown | None = None) -> str:
        """Seal every file; the recovery key, to be shown once (given to ``shown`` the moment
        it exists, so a sealing cut short has still shown it)."""
        from workbook import vault

        with lock_for(self._vault_folder):
            try:
                return vault.encrypt(self._vault_folder, passphrase, shown=shown)
            finally:
                self._keep_files_as_now(passphrase)

    def change_passphrase(self, current: str, new: str, shown: Shown | None = None) -> str:
        """``WrongPassphrase`` if ``current`` does not open it (nothing changed); else the new
        recovery key, to be shown once (and given to ``shown`` as it exists)."""
        from workbook import vault

        codec = vault.unlock(self._vault_folder, current)
        with lock_for(self._vault_folder):
            try:
                return vault.change_passphrase(self._vault_folder, codec, new, shown=shown)
            finally:
                self._keep_files_as_now(new, current)

    def decrypt(self, current: str) -> None:
        from workbook import vault

        codec = vault.unlock(self._vault_folder, current)
        with lock_for(self._vault_folder):
            try:
                vault.decrypt(self._vault_folder, codec)
            finally:
                self._keep_files_as_now(current)

    def _keep_files_as_now(self, *secrets: str) -> None:
        """After a change, finished or cut short: plain once there is no key file, else
        sealed with the key the first of ``secrets`` that opens it gives (lenient while the
        change is unfinished, so the next unlock can finish it)."""
        from workbook import vault

        if not vault.is_encrypted(self._vault_folder):
            self._keep_files(PLAIN)
            return
        for secret in secrets:
            try:
                self._keep_files(vault.unlock(self._vault_folder, secret))
                return
            except vault.WrongPassphrase:
                continue

    def idle_lock_minutes(self) -> int | None:
        """After how many idle minutes the app locks itself; ``None`` when not encrypted."""
        if not self.is_encrypted():
            return None
        from workbook import vault

        return vault.read_key_file(self._vault_folder).idle_lock_minutes

    def set_idle_lock(self, minutes: int) -> None:
        from workbook import vault

        vault.set_idle_lock(self._vault_folder, minutes)
