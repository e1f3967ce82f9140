"""The ``workbook`` command. Opening the app is one command; the rest work without a terminal UI.

Only this module imports ``screens``, and only inside ``open_app``, so the core and every other
command start without loading Textual (a test holds this). ``workbook demo`` opens the app by
invoking this group again, so no other module needs to import it.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from workbook import __version__
from workbook.cli_backups import COMMANDS as BACKUP_COMMANDS
from workbook.cli_check import COMMANDS as CHECK_COMMANDS
from workbook.cli_common import data_option, fail, folder_of, library_or_fail
from workbook.cli_delete import COMMANDS as DELETE_COMMANDS
from workbook.cli_demo import COMMANDS as DEMO_COMMANDS
from workbook.cli_move import COMMANDS as MOVE_COMMANDS
from workbook.cli_vault import COMMANDS as VAULT_COMMANDS
from workbook.cli_vault import reading_codec, stdin_option
from workbook.content import Library, check_files, load_library, own_exercise_files
from workbook.content_format import Exercise
from workbook.errors import AlreadyOpenError, BadFile, WorkbookError
from workbook.export import FORMATS, ExportFormat
from workbook.folder import is_workbook
from workbook.paths import data_folder
from workbook.storage import PLAIN, Codec


@click.group(invoke_without_command=True)
@data_option
@click.version_option(__version__, prog_name="workbook")
@click.pass_context
def main(ctx: click.Context, data: Path | None) -> None:
    """Trust Workbook: exercises for two partners, together at one keyboard."""
    if ctx.invoked_subcommand is None:
        open_app(data_folder(data))


def open_app(folder: Path) -> None:
    """Open the workbook (taking its lock first), then the app on it."""
    from workbook.bad_file_words import bad_file_words
    from workbook.book import Workbook  # the store is needed only here

    library = library_or_fail(folder)
    unlocked: dict[str, Any] = {}
    try:
        unlocked = _unlocked_at_start(folder, library)
        # The full look at every session file follows from the app, after its first screen.
        book = Workbook.open(folder, library=library, quick_repair=True, **unlocked)
    except AlreadyOpenError:
        fail(library.say("errors.already_open"))
    except BadFile as bad:
        fail(bad_file_words(library, bad, folder, unlocked.get("codec", PLAIN)))
    except WorkbookError as error:
        fail(str(error))
    # Textual is imported only now, so every other command starts fast and UI-free.
    from screens.app import WorkbookApp

    try:
        WorkbookApp(book).run()
    finally:
        book.close()


def _unlocked_at_start(folder: Path, library: Library) -> dict[str, Any]:
    """For an encrypted workbook: its lock, taken first, and its codec, opened by the
    passphrase screen (or nothing, and the app does not open, if the couple quit there)."""
    from workbook import vault
    from workbook.folder import FolderLock

    if not vault.is_encrypted(folder):
        return {}
    lock = FolderLock(folder)
    lock.acquire()
    from screens.unlock import UnlockApp

    codec = UnlockApp(folder, library).run()
    if codec is None:
        lock.release()
        sys.exit(0)
    return {"codec": codec, "lock": lock}


@main.command()
@data_option
@click.option("--json", "as_json", is_flag=True, help="Print the agreements as JSON.")
@stdin_option
@click.pass_context
def agreements(ctx: click.Context, data: Path | None, as_json: bool, from_stdin: bool) -> None:
    """List your agreements (safe to run while the app is open)."""
    from workbook.bad_file_words import bad_file_words, bad_files_said
    from workbook.book import Workbook

    folder = folder_of(ctx, data)
    library = load_library(folder)
    codec: Codec = PLAIN
    try:
        codec = reading_codec(folder, library, from_stdin) if is_workbook(folder) else PLAIN
        book = Workbook.open_read_only(folder, library, codec)
    except BadFile as bad:
        fail(bad_file_words(library, bad, folder, codec))
    except WorkbookError:
        if as_json:
            click.echo("[]")
            return
        fail(library.say("cli.not_a_workbook", folder=str(folder)))
    with bad_files_said(library, folder, codec):
        found = book.agreements()
        partners = book.partners()
    if as_json:
        click.echo(json.dumps([a.model_dump(mode="json") for a in found], indent=2))
        return
    if not found:
        click.echo(library.say("cli.no_agreements"))
    for agreement in found:
        names = " & ".join(partners[a.partner].name for a in agreement.acceptances)
        click.echo(
            library.say(
                "cli.agreement_line",
                title=agreement.title,
                category=library.category_label(agreement.category),
                names=names,
            )
        )
        click.echo(f"  {agreement.text}")


DAY = click.DateTime(["%Y-%m-%d"])


@main.command()
@data_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="markdown",
    show_default=True,
    help="markdown to read, json for other programs.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (readable by you only) instead of printing.",
)
@click.option("--since", type=DAY, help="From this day (YYYY-MM-DD).")
@click.option("--until", type=DAY, help="Up to this day (YYYY-MM-DD).")
@click.option("--transcripts", is_flag=True, help="Add who said what, as each author allowed.")
@stdin_option
@click.pass_context
def export(
    ctx: click.Context,
    data: Path | None,
    fmt: ExportFormat,
    output: Path | None,
    since: datetime | None,
    until: datetime | None,
    transcripts: bool,
    from_stdin: bool,
) -> None:
    """A summary for a therapist (safe to run while the app is open). It is not encrypted."""
    from workbook.bad_file_words import bad_file_words, bad_files_said
    from workbook.book import Workbook

    folder = folder_of(ctx, data)
    library = library_or_fail(folder)
    first, last = (day.date() if day else None for day in (since, until))
    if first and last and first > last:
        fail(library.say("export.bad_range"))
    if not is_workbook(folder):
        fail(library.say("cli.not_a_workbook", folder=str(folder)))
    codec: Codec = PLAIN
    try:
        codec = reading_codec(folder, library, from_stdin)
        book = Workbook.open_read_only(folder, library, codec)
    except BadFile as bad:
        fail(bad_file_words(library, bad, folder, codec))
    except WorkbookError:
        fail(library.say("cli.not_a_workbook", folder=str(folder)))
    try:
        with bad_files_said(library, folder, codec):
            text = book.export(fmt, transcripts, first, last, output)
    except OSError as error:
        fail(library.say("export.not_written", reason=error.strerror or str(error)))
    if output is None:
        click.echo(text, nl=False)
    else:
        click.echo(library.say("export.written_to", path=str(output)), err=True)


@main.command("export-schema")
def export_schema() -> None:
    """Print the JSON Schema of what `workbook export --format json` writes."""
    from workbook.export import ExportDocument

    click.echo(json.dumps(ExportDocument.model_json_schema(), indent=2))


@main.group()
def content() -> None:
    """Exercises: list them, check a file, print the format's schema."""


def _summary(exercise: Exercise) -> dict[str, Any]:
    return {
        "id": exercise.id,
        "title": exercise.title,
        "part": exercise.part,
        "steps": len(exercise.steps),
        "minutes": exercise.minutes,
        "sensitive": exercise.sensitive,
    }


@content.command("list")
@data_option
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def content_list(ctx: click.Context, data: Path | None, as_json: bool) -> None:
    """Every exercise: id, title, part, steps, minutes, and whether it is sensitive."""
    library = library_or_fail(folder_of(ctx, data))
    rows = [_summary(e) for e in library.exercises.values()]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        click.echo(
            f"{row['id']:<24} part {row['part']:>2}  {row['steps']:>3} steps  "
            f"{row['minutes']:>3} min  {row['title']}"
            + ("  (sensitive)" if row["sensitive"] else "")
        )


@content.command("check")
@data_option
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.pass_context
def content_check(ctx: click.Context, data: Path | None, path: Path | None) -> None:
    """Check exercise files: PATH (a file or folder), else the shipped ones and your own.

    Warnings (your own exercise is only a form) are printed but do not fail the check."""
    library = library_or_fail(None)
    if path is None:
        files = own_exercise_files(folder_of(ctx, data))
        count = len(library.exercises)
    else:
        files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
        count = 0
    problems, warnings = check_files(files, library.exercises)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if problems:
        click.echo(library.say("cli.content_problems", count=str(len(problems))), err=True)
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    click.echo(library.say("cli.content_sound", count=str(count + len(files))))


@content.command("schema")
def content_schema() -> None:
    """Print the JSON Schema of an exercise file."""
    click.echo(json.dumps(Exercise.model_json_schema(), indent=2))


for _command in VAULT_COMMANDS:
    main.add_command(_command)

for _command in CHECK_COMMANDS:
    main.add_command(_command)

for _command in (*BACKUP_COMMANDS, *MOVE_COMMANDS):
    main.add_command(_command)

for _command in DELETE_COMMANDS:
    main.add_command(_command)

for _command in DEMO_COMMANDS:
    main.add_command(_command)
