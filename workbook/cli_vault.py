"""``workbook encrypt | decrypt | passphrase``: writing commands, so each takes the folder's
lock and refuses while the app runs. Passphrases come from a hidden prompt or, with
``--passphrase-stdin``, one per line on standard input; never from arguments or the
environment, where other programs could read them."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from workbook.cli_common import data_option, fail, folder_of, library_or_fail
from workbook.content import Library
from workbook.errors import AlreadyOpenError, BadFile
from workbook.folder import FolderLock, is_workbook


def stdin_option(func: Any) -> Any:
    return click.option(
        "--passphrase-stdin",
        "from_stdin",
        is_flag=True,
        help="Read passphrases from standard input, one per line, instead of asking.",
    )(func)


class Secrets:
    """Where this command's passphrases come from: hidden prompts, or stdin lines in order."""

    def __init__(self, library: Library, from_stdin: bool) -> None:
        self.library = library
        self._lines = sys.stdin if from_stdin else None

    def ask(self, key: str, confirm: bool = False, optional: bool = False) -> str:
        """One passphrase; ``optional``: an empty line is an answer too (skip it)."""
        if self._lines is not None:
            return self._lines.readline().rstrip("\r\n")
        first: str = click.prompt(
            self.library.say(key),
            hide_input=True,
            default="" if optional else None,
            show_default=False,
        )
        if confirm:
            again = click.prompt(self.library.say("vault.repeat_passphrase"), hide_input=True)
            if again != first:
                fail(self.library.say("vault.passphrases_differ"))
        return first

    def new(self) -> str:
        from workbook.vault import MIN_PASSPHRASE

        chosen = self.ask("vault.new_passphrase", confirm=True)
        if len(chosen) < MIN_PASSPHRASE:
            fail(self.library.say("vault.too_short", count=str(MIN_PASSPHRASE)))
        return chosen


@contextmanager
def held(
    ctx: click.Context, data: Path | None, encrypted: bool | None = None
) -> Iterator[tuple[Path, Library]]:
    """The workbook's folder and library, its lock held for one writing command; a plain
    refusal if the app has it open, or if it is (or is not) ``encrypted`` already (either
    will do when ``None``)."""
    from workbook import vault

    folder = folder_of(ctx, data)
    library = library_or_fail(folder)
    if not is_workbook(folder):
        fail(library.say("cli.not_a_workbook", folder=str(folder)))
    lock = FolderLock(folder)
    try:
        lock.acquire()
    except AlreadyOpenError:
        fail(library.say("errors.already_open"))
    try:
        if encrypted is not None and vault.is_encrypted(folder) != encrypted:
            fail(library.say("vault.not_encrypted" if encrypted else "vault.already_encrypted"))
        yield folder, library
    except BadFile as bad:  # found before anything was written
        from workbook.bad_file_words import bad_file_words

        fail(bad_file_words(library, bad, folder))
    except OSError as error:  # part way: the next unlock finishes it
        fail(library.say("vault.interrupted", reason=error.strerror or str(error)))
    finally:
        lock.release()


def vault_command(func: Any) -> Any:
    """A command that changes how the files are kept: ``--data``, ``--passphrase-stdin``."""
    return click.command()(data_option(stdin_option(click.pass_context(func))))


def unlocked(folder: Path, secrets: Secrets) -> Any:
    """The folder's codec, opened with the passphrase asked for; a plain refusal if wrong."""
    from workbook import vault

    try:
        return vault.unlock(folder, secrets.ask("vault.current_passphrase"))
    except vault.WrongPassphrase:
        fail(secrets.library.say("vault.wrong"))
    except BadFile as bad:
        from workbook.bad_file_words import bad_file_words

        fail(bad_file_words(secrets.library, bad, folder))


def _shown(library: Library) -> Callable[[str], None]:
    """Say the recovery key the moment it exists, before any file is sealed."""

    def say(recovery: str) -> None:
        click.echo(library.say("vault.recovery_key", code=recovery))
        click.echo(library.say("vault.recovery_word"))

    return say


@vault_command
def encrypt(ctx: click.Context, data: Path | None, from_stdin: bool) -> None:
    """Encrypt your workbook, backups included, under a passphrase."""
    from workbook import vault

    with held(ctx, data, encrypted=False) as (folder, library):
        passphrase = Secrets(library, from_stdin).new()
        click.echo(library.say("vault.working"), err=True)
        vault.encrypt(folder, passphrase, shown=_shown(library))
    click.echo(library.say("vault.encrypted"))
    click.echo(library.say("vault.old_copies"))


@vault_command
def passphrase(ctx: click.Context, data: Path | None, from_stdin: bool) -> None:
    """Choose a new passphrase: every file is sealed again under a new key."""
    from workbook import vault

    with held(ctx, data, encrypted=True) as (folder, library):
        secrets = Secrets(library, from_stdin)
        codec = unlocked(folder, secrets)
        chosen = secrets.new()
        click.echo(library.say("vault.working"), err=True)
        vault.change_passphrase(folder, codec, chosen, shown=_shown(library))
    click.echo(library.say("vault.changed"))


@vault_command
def decrypt(ctx: click.Context, data: Path | None, from_stdin: bool) -> None:
    """Turn encryption off: every file, backups included, back to plain."""
    from workbook import vault

    with held(ctx, data, encrypted=True) as (folder, library):
        vault.decrypt(folder, unlocked(folder, Secrets(library, from_stdin)))
    click.echo(library.say("vault.decrypted"))


COMMANDS = (encrypt, passphrase, decrypt)


def reading_codec(folder: Path, library: Library, from_stdin: bool) -> Any:
    """How a reading command opens ``folder``: as it is, or with the passphrase if sealed."""
    from workbook import vault
    from workbook.storage import PLAIN

    if not vault.is_encrypted(folder):
        return PLAIN
    return unlocked(folder, Secrets(library, from_stdin))
