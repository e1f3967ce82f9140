"""Where each of the couple's files lives inside the data folder, from one place.

Names never reveal content: sessions are files named by random id. A backup generation and a
folder moved aside keep the same layout, so every check and every reader works on them too.
"""

from __future__ import annotations

from pathlib import Path

WORKBOOK_FILE = "workbook.json"
INDEX_FILE = "index.json"
SESSIONS_FOLDER = "sessions"
LOCK_FILE = "lock"
BACKUPS_FOLDER = "backups"
KEY_FILE = "key.json"


def session_file(session_id: str) -> str:
    """The session ``session_id``'s file, as a path relative to the data folder."""
    return f"{SESSIONS_FOLDER}/{session_id}.json"


def data_file_names(folder: Path) -> list[str]:
    """The couple's data files in ``folder`` that exist, as paths relative to it: the
    workbook, the index, then every session file by name."""
    names = [name for name in (WORKBOOK_FILE, INDEX_FILE) if (folder / name).exists()]
    sessions = folder / SESSIONS_FOLDER
    if sessions.is_dir():
        names += [f"{SESSIONS_FOLDER}/{p.name}" for p in sorted(sessions.glob("*.json"))]
    return names


def every_data_file(folder: Path) -> list[tuple[Path, str]]:
    """Every data file in ``folder`` and in each copy under ``backups/`` (backup generations
    and keepings share the layout): its path, and its name inside its own copy."""
    found = [(folder / name, name) for name in data_file_names(folder)]
    backups = folder / BACKUPS_FOLDER
    if backups.is_dir():
        for copy in sorted(p for p in backups.iterdir() if p.is_dir() and p.name[0] != "."):
            found += [(copy / name, name) for name in data_file_names(copy)]
    return found
