"""Opening the app on a data folder: the workbook first (its lock, and for an encrypted one the
passphrase screen), then the app.

The only module of ``workbook`` that imports ``screens`` (and so Textual), and only inside its
functions, so every other command starts fast and UI-free (a test holds this).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from workbook.cli_common import fail, library_or_fail
from workbook.content import Library
from workbook.errors import AlreadyOpenError, BadFile, WorkbookError
from workbook.storage import PLAIN


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
