"""What every ``workbook`` subcommand shares: the ``--data`` option, finding the folder, the
library, and failing with a plain message."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from workbook.content import Library, load_library
from workbook.errors import ContentError
from workbook.paths import ENV_DATA, data_folder

DATA_HELP = f"Data folder (default: ${ENV_DATA}, else your user data folder)."


def data_option(func: Any) -> Any:
    """``--data`` is accepted before or after a subcommand; the later one wins."""
    return click.option(
        "--data", "data", type=click.Path(file_okay=False, path_type=Path), help=DATA_HELP
    )(func)


def folder_of(ctx: click.Context, data: Path | None) -> Path:
    return data_folder(data or ctx.find_root().params.get("data"))


def fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(1)


def library_or_fail(folder: Path | None) -> Library:
    try:
        return load_library(folder)
    except ContentError as error:
        fail(str(error))
