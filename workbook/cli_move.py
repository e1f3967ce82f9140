"""``workbook backup --to FILE`` and ``workbook restore --from FILE``: moving a workbook to another
computer (``workbook.move``). The backup takes the folder's lock while it reads, so the archive
is one consistent workbook, and refuses while the app runs; the restore writes only into an
empty or missing folder. Neither asks for a passphrase: sealed files move sealed."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workbook.cli_common import data_option, fail, folder_of, library_or_fail
from workbook.content import EXERCISES_FOLDER, Library
from workbook.layout import SESSIONS_FOLDER
from workbook.wording import visible

if TYPE_CHECKING:  # the archive code loads only when a command runs
    from workbook.move import MoveRefused


def _refusal(library: Library, refused: MoveRefused, file: Path) -> str:
    """What a ``MoveRefused`` means, naming the archive (or folder) and what it is about."""
    shown = visible(str(file))
    return library.say(f"move.{refused.kind}", file=shown, detail=visible(refused.detail))


@click.command("backup")
@data_option
@click.option(
    "--to",
    "target",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The archive file to write (readable by you only), to take to another computer.",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists already.")
@click.pass_context
def backup_command(ctx: click.Context, data: Path | None, target: Path, force: bool) -> None:
    """Write your whole workbook into one file, to restore on another computer.

    It cannot run while the app is open. An encrypted workbook makes an encrypted archive."""
    from workbook import move
    from workbook.bad_file_words import bad_files_said
    from workbook.errors import AlreadyOpenError
    from workbook.folder import is_workbook

    folder = folder_of(ctx, data)
    library = library_or_fail(None)
    if not is_workbook(folder):
        fail(library.say("cli.not_a_workbook", folder=str(folder)))
    try:
        with bad_files_said(library, folder):
            packed = move.pack(folder, target, force)
    except AlreadyOpenError:
        fail(library.say("errors.already_open"))
    except move.MoveRefused as refused:
        fail(_refusal(library, refused, target))
    except OSError as error:
        fail(library.say("move.not_written", reason=error.strerror or str(error)))
    sessions = str(packed.count(SESSIONS_FOLDER))
    said = library.say(
        "move.written", file=str(target), files=str(len(packed.names)), sessions=sessions
    )
    click.echo(said)
    if packed.encrypted:
        click.echo(library.say("move.encrypted"))
        own = packed.count(EXERCISES_FOLDER)
        if own:
            click.echo(library.say("move.own_exercises_plain", count=str(own)))
    else:
        click.echo(library.say("move.not_encrypted"))
    command = f"workbook restore --from {shlex.quote(target.name)}"
    click.echo(library.say("move.restore_hint", command=command))


def restore_from(folder: Path, source: Path) -> None:
    """``workbook restore --from FILE``: the archive into ``folder``, which must be empty."""
    from workbook import move

    library = library_or_fail(None)
    try:
        restored = move.unpack(source, folder)
    except move.MoveRefused as refused:
        shown = folder if refused.kind in ("not_a_folder", "not_empty") else source
        fail(_refusal(library, refused, shown))
    except OSError as error:
        reason = error.strerror or str(error)
        fail(library.say("move.not_restored", reason=reason, folder=str(folder)))
    sessions = str(restored.count(SESSIONS_FOLDER))
    files = str(len(restored.names))
    click.echo(
        library.say(
            "move.restored", file=str(source), folder=str(folder), files=files, sessions=sessions
        )
    )
    if restored.encrypted:
        click.echo(library.say("move.restored_encrypted"))


COMMANDS = (backup_command,)
