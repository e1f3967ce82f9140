"""The few kinds of trouble the core reports, each carrying a message fit to show a person
(or, for a bad file, what the texts need to say it)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal


class WorkbookError(Exception):
    """Base for every error the core raises on purpose."""


class ContentError(WorkbookError):
    """A content file is malformed: the message names file, exercise, step and field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class DataFolderError(WorkbookError):
    """The data folder cannot be used (not a workbook, unreadable, damaged)."""


BadKind = Literal[
    "truncated", "not_json", "foreign", "newer", "unreadable", "symlink", "sealed", "unsealed"
]


class BadFile(DataFolderError):
    """One data file the workbook will not read or write over. ``kind`` names what is wrong
    (the texts under ``bad_file`` say it to a person), ``detail`` adds the specifics: the
    field that did not fit, the version found, the system's reason."""

    def __init__(self, path: Path | str, kind: BadKind, detail: str = "") -> None:
        self.path = str(path)
        self.kind = kind
        self.detail = detail
        super().__init__(f"{self.path}: {kind}" + (f" ({detail})" if detail else ""))


class AlreadyOpenError(WorkbookError):
    """Another copy of the app holds the workbook's lock."""


class NotStartable(ValueError):
    """An exercise that cannot be started here yet (a ``sensitive`` one needs consent), or a
    session about an agreement that cannot have one now (retired, or one already open)."""
