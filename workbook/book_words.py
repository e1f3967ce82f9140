"""The workbook's calls for each partner's own words and what leaves the workbook: My answers
(opting an answer in to an export, hiding one), and the export for a therapist.

``Workbook`` takes these in as a base class, like ``CareCalls``, so screens and the command line
keep calling one object while ``book.py`` keeps to a readable length.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workbook.clock import Clock
from workbook.content import Library
from workbook.export import ExportFormat, build_export
from workbook.export_markdown import default_path, export_text, write_file
from workbook.models import PartnerId
from workbook.my_answers import MySession, collect_answers, set_hidden, set_opt_in
from workbook.store import Store


class WordsCalls:
    """My answers and the export, over the workbook's store, content and clock."""

    store: Store
    library: Library
    clock: Clock

    def my_answers(self, partner: PartnerId) -> list[MySession]:
        """Everything ``partner`` wrote, newest session first: for their eyes only."""
        return collect_answers(self.store, self.library, partner)

    def opt_in(self, partner: PartnerId, session_id: str, turn_id: str, yes: bool) -> None:
        """``partner`` lets an answer of theirs into an export (``yes``) or takes it out;
        ``NotOptable`` if it is not theirs to choose for."""
        now = self.clock.now()
        set_opt_in(self.store, self.library, partner, session_id, turn_id, yes, now)

    def hide(self, partner: PartnerId, session_id: str, turn_id: str, yes: bool) -> None:
        """``partner`` hides an answer of theirs from summaries and exports (``yes``) or shows
        it again; ``NotHideable`` if it is not theirs to hide (yet)."""
        now = self.clock.now()
        set_hidden(self.store, self.library, partner, session_id, turn_id, yes, now)

    def export(
        self,
        fmt: ExportFormat,
        transcripts: bool = False,
        since: date | None = None,
        until: date | None = None,
        to: Path | None = None,
    ) -> str:
        """The export's text, also written to ``to`` (0600, atomically) if given.
        ``ValueError`` if ``since`` is after ``until``; ``OSError`` if it cannot be written."""
        now = self.clock.now()
        built = build_export(self.store, self.library, now, since, until, transcripts)
        text = export_text(built, fmt, self.library)
        if to is not None:
            write_file(to, text, self.store.folder)
        return text

    def export_path(self, fmt: ExportFormat) -> Path:
        """Where the app suggests writing an export: the data folder's ``exports/``, dated."""
        today = self.clock.now().astimezone().date().isoformat()
        return default_path(self.store.folder or Path.cwd(), fmt, today)
