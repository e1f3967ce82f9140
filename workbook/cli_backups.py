"""``workbook backups`` lists the backup generations (newest first) and what is kept aside;
``workbook restore NAME`` puts one back, having moved the data as it is into a keeping. Restore
writes, so it takes the folder's lock and refuses while the app runs. Neither needs the
passphrase of an encrypted workbook: backups are raw copies, sealed as the files were.
``workbook restore --from FILE`` (an archive from another computer) is the same command, so
``restore`` is one word for both; ``cli_move`` does it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from workbook.cli_common import data_option, fail, folder_of, library_or_fail
from workbook.cli_move import restore_from
from workbook.layout import data_file_names


def _local(moment: datetime) -> str:
    """A moment as the couple reads it: this computer's local time."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


@click.command("backups")
@data_option
@click.pass_context
def backups_command(ctx: click.Context, data: Path | None) -> None:
    """List the backups, newest first, and anything kept aside (safe while the app is open)."""
    from workbook.backup_list import backups_folder, generations, keepings

    folder = folder_of(ctx, data)
    library = library_or_fail(folder)
    made = generations(folder)
    kept = keepings(folder)
    if not made and not kept:
        click.echo(library.say("backups.none"))
        return
    if made:
        path = str(backups_folder(folder))
        click.echo(library.say("backups.heading", folder=path))
        width = max(len(g.name) for g in made)
        for generation in made:
            line = library.say(
                "backups.generation_line",
                name=generation.name.ljust(width),
                when=_local(generation.made_at),
                files=str(len(generation.files)),
                changed=str(len(generation.changed)),
            )
            click.echo(line)
    else:
        click.echo(library.say("backups.none"))
    if kept:
        click.echo(library.say("backups.keepings_heading"))
        width = max(len(k.name) for k in kept)
        for keeping in kept:
            files = str(len(data_file_names(keeping)))
            line = library.say("backups.keeping_line", name=keeping.name.ljust(width), files=files)
            click.echo(line)
    click.echo(library.say("backups.restore_hint"))


@click.command("restore")
@data_option
@click.argument("name", required=False)
@click.option(
    "--from",
    "source",
    type=click.Path(dir_okay=False, path_type=Path),
    help="An archive made by `workbook backup --to`, restored into an empty folder.",
)
@click.pass_context
def restore_command(
    ctx: click.Context, data: Path | None, name: str | None, source: Path | None
) -> None:
    """Put the backup NAME back in place of your data (kept aside first, never deleted), or
    open the archive --from FILE, made on another computer, into an empty folder."""
    from workbook import restore as restoring
    from workbook.errors import AlreadyOpenError

    folder = folder_of(ctx, data)
    if source is not None:
        if name is not None:
            fail(library_or_fail(None).say("move.name_and_from"))
        restore_from(folder, source)
        return
    if name is None:
        fail(library_or_fail(None).say("move.name_or_from"))
    library = library_or_fail(folder)
    try:
        done = restoring.restore(folder, name)
    except restoring.UnknownBackup as unknown:
        click.echo(library.say("backups.unknown", name=name), err=True)
        if unknown.known:
            fail(library.say("backups.known", names=", ".join(unknown.known)))
        fail(library.say("backups.nothing_to_restore"))
    except restoring.NotWhole as partial:
        fail(library.say("backups.not_whole", name=name, path=str(partial.path)))
    except AlreadyOpenError:
        fail(library.say("errors.already_open"))
    except restoring.RestoreFailed as failed:
        if failed.kept_in is None:
            fail(library.say("backups.restore_failed_plain", reason=failed.reason))
        fail(library.say("backups.restore_failed", reason=failed.reason, path=str(failed.kept_in)))
    if done.kept_in is None:
        click.echo(library.say("backups.nothing_moved"))
    else:
        moved = str(len(done.moved))
        click.echo(library.say("backups.moved_aside", count=moved, path=str(done.kept_in)))
    count, path = str(len(done.restored)), str(done.source)
    if done.generation is not None:
        when = _local(done.generation.made_at)
        said = library.say(
            "backups.restored", count=count, when=when, path=path, folder=str(folder)
        )
    else:
        said = library.say("backups.restored_keeping", count=count, path=path, folder=str(folder))
    click.echo(said)


COMMANDS = (backups_command, restore_command)
