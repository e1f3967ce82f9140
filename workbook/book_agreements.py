"""The workbook's calls for reading and changing agreements after they are made: finding
them, reading one with its history, reopening one alone, retiring one together.

``Workbook`` takes these in as a base class, like ``CareCalls``, so screens keep calling one
object while ``book.py`` keeps to a readable length. Each change saves before it returns.
"""

from __future__ import annotations

from workbook import engine
from workbook.agreement_life import reopened, retired
from workbook.agreement_sessions import open_about
from workbook.agreement_view import Group, Reader, Reading, Wanted, grouped
from workbook.clock import Clock
from workbook.content import Library
from workbook.models import PARTNER_IDS, Agreement, PartnerId
from workbook.store import Store


class AgreementCalls:
    """Agreements after they are made, over the workbook's store, content and clock."""

    store: Store
    library: Library
    clock: Clock

    def agreement(self, agreement_id: str) -> Agreement:
        """One agreement; ``KeyError`` if there is none with that id."""
        for agreement in self.store.agreements():
            if agreement.id == agreement_id:
                return agreement
        raise KeyError(agreement_id)

    def _reader(self) -> Reader:
        return Reader(self.library, {p.id: p.name for p in self.store.partners()})

    def find_agreements(self, wanted: Wanted) -> list[Group]:
        """The agreements ``wanted``, grouped by category, each with its facts in a line."""
        return grouped(self._reader(), self.store.agreements(), wanted)

    def read_agreement(self, agreement_id: str) -> Reading:
        """One agreement with its status in words and its full history."""
        return self._reader().read(self.agreement(agreement_id))

    def reopen(self, agreement_id: str, partner: PartnerId, note: str | None) -> Agreement:
        """``partner`` alone takes their consent back: it is not in force until both accept
        it again, and it comes up for review."""
        agreement = reopened(self.agreement(agreement_id), partner, note, self.clock.now())
        self.store.save_agreement(agreement)
        return agreement

    def retire(self, agreement_id: str) -> Agreement:
        """Both partners confirmed: the agreement ends, and stays readable. A session still
        open about it (new wording, a review) is set aside, its words kept."""
        now = self.clock.now()
        agreement = retired(self.agreement(agreement_id), list(PARTNER_IDS), now)
        self.store.save_agreement(agreement)
        for entry in open_about(self.store.index(), agreement_id):
            session = engine.set_aside(self.store.session(entry.id), now)
            self.store.save_session(session, keep_draft=True)
        return agreement
