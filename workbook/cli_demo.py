"""``workbook demo [--write DIR]``: a throwaway workbook of a fictional couple (``workbook.demo``),
to look around every screen before starting your own.

Without ``--write`` it is written into a new temporary folder (0700, readable by you only), the
app opens on it, and the folder is deleted when the app closes. With ``--write DIR`` it is only
written, into an empty or new folder, to open later with ``workbook --data DIR``.
"""

from __future__ import annotations

import shlex
import shutil
import tempfile
from pathlib import Path

import click

from workbook.cli_common import fail, library_or_fail
from workbook.content import Library
from workbook.demo_story import Story


def written(library: Library, folder: Path) -> Story:
    """The demo written into ``folder``, or the command ends saying why not."""
    from workbook.demo import DemoRefused, write_demo

    try:
        return write_demo(folder, library=library)
    except DemoRefused as refused:
        fail(library.say(f"demo.{refused.kind}", folder=str(refused.folder)))
    except OSError as error:
        fail(library.say("demo.not_written", reason=error.strerror or str(error)))


@click.command("demo")
@click.option(
    "--write",
    "target",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Only write it into DIR (new or empty), to open with: workbook --data DIR",
)
def demo(target: Path | None) -> None:
    """Open a throwaway workbook of an invented couple, to look around first.

    It is deleted when you close the app (unless --write DIR keeps it there)."""
    library = library_or_fail(None)
    if target is not None:
        folder = target.expanduser().absolute()
        couple = written(library, folder).couple
        click.echo(library.say("demo.written", folder=str(folder), a=couple.a, b=couple.b))
        command = f"workbook --data {shlex.quote(str(folder))}"
        click.echo(library.say("demo.open_hint", command=command))
        return

    scratch = Path(tempfile.mkdtemp(prefix="workbook-demo-"))  # made 0700
    try:
        couple = written(library, scratch).couple
        click.echo(library.say("demo.opening", a=couple.a, b=couple.b))
        root = click.get_current_context().find_root()
        root.invoke(root.command, data=scratch)  # the app, opened as `workbook --data` opens it
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


COMMANDS = (demo,)
