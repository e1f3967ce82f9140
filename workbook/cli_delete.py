"""``workbook delete --all``: everything under the data folder, backups included (``erase``).

A writing command, so it takes the folder's lock and refuses while the app runs. Before
anything goes it says whose words these are (both partners, by name; for an encrypted workbook
it asks the passphrase to read the names, and says "both of you" without it, so a forgotten
passphrase never stands in the way), what will go by kind, and that it cannot be undone; then
the word ``delete`` must be typed. There is no ``--yes``: a script gives the word on standard
input like a person does, so nothing is ever deleted without it. Deleting one session is in
the app only, where each partner confirms by name.
"""

from __future__ import annotations

from pathlib import Path

import click

from workbook.cli_common import data_option, fail, folder_of, library_or_fail
from workbook.cli_vault import Secrets, held, stdin_option
from workbook.content import Library


def whose(folder: Path, library: Library, from_stdin: bool) -> str:
    """Whose words are in the workbook, named as the confirmation says it: by their names
    when they can be read, else "both of you"."""
    from workbook import vault
    from workbook.book import Workbook
    from workbook.errors import WorkbookError
    from workbook.storage import PLAIN, Codec

    codec: Codec = PLAIN
    try:
        if vault.is_encrypted(folder):
            secret = Secrets(library, from_stdin).ask("delete.passphrase", optional=True)
            codec = vault.unlock(folder, secret)
        partners = Workbook.open_read_only(folder, library, codec).partners()
    except (WorkbookError, OSError):
        partners = {}
    if len(partners) < 2:
        return library.say("delete.whose_unnamed")
    return library.say("delete.whose", a=partners["a"].name, b=partners["b"].name)


@click.command("delete")
@data_option
@click.option("--all", "everything", is_flag=True, help="Delete everything, backups included.")
@stdin_option
@click.pass_context
def delete(ctx: click.Context, data: Path | None, everything: bool, from_stdin: bool) -> None:
    """Delete your whole workbook, backups included, after a confirmation (one session is
    deleted in the app, where each of you confirms by name)."""
    from workbook.erase import erase, survey

    if not everything:
        fail(library_or_fail(folder_of(ctx, data)).say("delete.only_all"))
    with held(ctx, data) as (folder, library):
        click.echo(library.say("delete.confirm", folder=str(folder)))
        click.echo(library.say("delete.whose_words", whose=whose(folder, library, from_stdin)))
        for line in survey(folder).said(library):
            click.echo(f"  {line}")
        click.echo(library.say("delete.no_undo"))
        try:
            typed = click.prompt(library.say("delete.type_word"), default="", show_default=False)
        except click.Abort:  # the input ended (or ctrl+c): no word was given
            typed = ""
        if str(typed).strip().casefold() != library.say("delete.word").casefold():
            fail(library.say("delete.kept"))
        try:
            removed = erase(folder)
        except OSError as error:
            fail(library.say("delete.cut_short", reason=error.strerror or str(error)))
    click.echo(library.say("delete.done", folder=str(folder)))
    for line in removed.said(library):
        click.echo(f"  {line}")


COMMANDS = (delete,)
