"""Putting a backup generation (or a whole keeping) back in place of the data, after moving
the data as it is now aside under ``backups/``, so a restore never loses anything either."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workbook.aside import copy_aside, move_aside, new_keeping
from workbook.backup_list import (
    MOVED_ASIDE,
    Generation,
    find,
    generation_at,
    generations,
    is_generation,
    keepings,
    lock_for,
)
from workbook.errors import WorkbookError
from workbook.folder import FolderLock
from workbook.layout import WORKBOOK_FILE, data_file_names


class UnknownBackup(WorkbookError):
    """No generation or keeping has that name; ``known`` lists the names there are."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(name)


class NotWhole(WorkbookError):
    """A keeping without a ``workbook.json`` (say, one damaged file): not a workbook."""

    def __init__(self, name: str, path: Path) -> None:
        self.name = name
        self.path = path
        super().__init__(name)


class RestoreFailed(WorkbookError):
    """Copying back failed part way; the data as it was is in ``kept_in``."""

    def __init__(self, kept_in: Path | None, error: OSError) -> None:
        self.kept_in = kept_in
        self.reason = error.strerror or str(error)
        super().__init__(self.reason)


@dataclass(frozen=True)
class Restored:
    """What a restore did: the data as it was moved into ``kept_in`` (``None`` when there was
    none), and the files copied back from ``source``."""

    source: Path
    generation: Generation | None
    kept_in: Path | None
    moved: list[str]
    restored: list[str]


def restore(folder: Path, name: str, now: datetime | None = None) -> Restored:
    """Put the generation (or whole keeping) ``name`` back in place of the data, having moved
    the data as it is now into a new keeping ``backups/moved-aside-<time>``. The source stays.

    Takes the folder's lock: ``AlreadyOpenError`` (nothing changed) while the app runs.
    """
    source = find(folder, name)
    if source is None:
        known = [g.name for g in generations(folder)] + [k.name for k in keepings(folder)]
        raise UnknownBackup(name, known)
    names = data_file_names(source)
    if WORKBOOK_FILE not in names:
        raise NotWhole(name, source)
    # The workbook file last: until it is back, the app refuses the folder rather than
    # opening half of it.
    names = [n for n in names if n != WORKBOOK_FILE] + [WORKBOOK_FILE]
    lock = FolderLock(folder)
    lock.acquire()
    try:
        with lock_for(folder):
            current = data_file_names(folder)
            kept_in = None
            try:
                if current:
                    kept_in = new_keeping(folder, MOVED_ASIDE, now)
                    move_aside(folder, current, kept_in)
                copy_aside(source, names, folder)
            except OSError as error:
                raise RestoreFailed(kept_in, error) from error
    finally:
        lock.release()
    generation = generation_at(source) if is_generation(source.name) else None
    return Restored(source, generation, kept_in, current, names)
