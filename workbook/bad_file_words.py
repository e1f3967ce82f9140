"""Saying what is wrong with the couple's files, in the words of ``content/texts.toml``: a file
the app or a read-only command would not read (``bad_file``), each problem ``workbook check``
finds (``check``), and the newest good backup to go back to, with the exact command.

One place for all of it, so the app's start, ``agreements``, ``export`` and ``check`` say a
bad file the same way.
"""

from __future__ import annotations

import contextlib
import shlex
from collections.abc import Iterator
from pathlib import Path

from workbook.backup_list import newest_good
from workbook.check import Problem, is_sound
from workbook.cli_common import fail
from workbook.content import Library
from workbook.errors import BadFile
from workbook.models import SCHEMA_VERSION
from workbook.paths import data_folder
from workbook.storage import PLAIN, Codec
from workbook.wording import placeholders, visible


def _say(library: Library, section: str, kind: str, path: Path | str, detail: str) -> str:
    """The sentence for ``kind``, naming the file; the detail on a line of its own when the
    sentence does not use it."""
    file = visible(str(path))
    said = library.say(
        f"{section}.{kind}",
        file=file,
        quoted=shlex.quote(file),
        detail=visible(detail),
        known=str(SCHEMA_VERSION),
    )
    if detail and "detail" not in placeholders(library.texts.root[section][kind]):
        said += "\n" + library.say(f"{section}.detail", detail=visible(detail))
    return said


def bad_file_words(library: Library, bad: BadFile, folder: Path, codec: Codec = PLAIN) -> str:
    """What to tell a person when ``bad`` stops the workbook at ``folder`` from opening: which
    file, what is wrong, that nothing was changed or moved, what to do; then the newest good
    backup, if there is one."""
    said = _say(library, "bad_file", bad.kind, bad.path, bad.detail)
    offer = backup_offer(library, folder, codec)
    return said if offer is None else f"{said}\n{offer}"


@contextlib.contextmanager
def bad_files_said(library: Library, folder: Path, codec: Codec = PLAIN) -> Iterator[None]:
    """Inside the block, a ``BadFile`` ends the command with ``bad_file_words`` (exit 1)."""
    try:
        yield
    except BadFile as bad:
        fail(bad_file_words(library, bad, folder, codec))


def problem_words(library: Library, problem: Problem) -> str:
    """One problem ``workbook check`` found, as a sentence naming the file."""
    return _say(library, "check", problem.kind, problem.path, problem.detail)


def backup_offer(library: Library, folder: Path, codec: Codec = PLAIN) -> str | None:
    """The newest good backup of ``folder`` and the command that goes back to it, if any."""
    name = newest_good_backup(folder, codec)
    if name is None:
        return None
    return library.say("bad_file.backup_offer", name=name, command=restore_command(folder, name))


def restore_command(folder: Path, name: str) -> str:
    """The exact command that restores backup ``name`` of ``folder``: ``--data`` only when the
    folder is not the one ``workbook`` finds by itself."""
    given = folder.expanduser().absolute()
    if given == data_folder().expanduser().absolute():
        return f"workbook restore {shlex.quote(name)}"
    return f"workbook --data {shlex.quote(str(given))} restore {shlex.quote(name)}"


def newest_good_backup(folder: Path, codec: Codec = PLAIN) -> str | None:
    """The name of the newest backup generation of ``folder`` that ``workbook check`` finds
    sound, for ``workbook restore NAME``; None if there is none."""
    good = newest_good(folder, lambda generation: is_sound(generation, codec))
    return None if good is None else good.name
