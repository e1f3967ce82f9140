"""``workbook check`` and ``workbook locate``: reading commands, safe while the app runs (no
lock, nothing written). The store is imported only when a command runs, so ``workbook`` starts
fast."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import click

from workbook.cli_common import data_option, fail, folder_of, library_or_fail
from workbook.cli_vault import reading_codec, stdin_option
from workbook.content import CONTENT_PACKAGE, EXERCISES_FOLDER
from workbook.layout import BACKUPS_FOLDER


@click.command()
@data_option
@stdin_option
@click.pass_context
def check(ctx: click.Context, data: Path | None, from_stdin: bool) -> None:
    """Check every file against the models and each other (safe while the app is open).

    Exit 0 when all is sound, 1 when something is wrong (nothing is changed)."""
    from workbook.bad_file_words import backup_offer, bad_files_said, problem_words
    from workbook.check import inspect, is_data_folder

    folder = folder_of(ctx, data)
    library = library_or_fail(None)
    if not is_data_folder(folder):
        fail(library.say("check.not_a_workbook", folder=str(folder)))
    with bad_files_said(library, folder):  # a key file that cannot be read
        codec = reading_codec(folder, library, from_stdin)
    found = inspect(folder, codec)
    if not found.problems:
        click.echo(
            library.say(
                "check.sound",
                folder=str(folder),
                files=str(found.files),
                sessions=str(found.sessions),
                turns=str(found.turns),
                agreements=str(found.agreements),
                check_ins=str(found.check_ins),
            )
        )
        return
    for problem in found.problems:
        click.echo(problem_words(library, problem))
    click.echo(library.say("check.found", count=str(len(found.problems)), folder=str(folder)))
    if any(problem.serious for problem in found.problems):
        offer = backup_offer(library, folder, codec)
        if offer is not None:
            click.echo(offer)
    sys.exit(1)


@click.command()
@data_option
@click.pass_context
def locate(ctx: click.Context, data: Path | None) -> None:
    """Where your workbook, its backups and the exercises are."""
    from workbook.check import is_data_folder

    folder = folder_of(ctx, data).absolute()
    library = library_or_fail(None)
    shipped = resources.files(CONTENT_PACKAGE).joinpath(EXERCISES_FOLDER)
    for key, path, there in (
        ("data", folder, is_data_folder(folder)),
        ("backups", folder / BACKUPS_FOLDER, (folder / BACKUPS_FOLDER).is_dir()),
        ("shipped", shipped, True),
        ("own", folder / EXERCISES_FOLDER, (folder / EXERCISES_FOLDER).is_dir()),
    ):
        click.echo(library.say(f"locate.{key}" + ("" if there else "_missing"), path=str(path)))


COMMANDS = (check, locate)
