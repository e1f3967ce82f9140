"""The workbook's calls that look after the couple rather than the exercises: the safety
check, private consent and the rests after it, the pace of a sitting and its breaks, places to
turn, the signals that a counsellor could help, and each partner's moment for a therapist.

``Workbook`` takes these in as a base class, so screens keep calling one object; they live
here so each file keeps to one job and a readable length.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from workbook.check_ins import as_shared
from workbook.clock import Clock
from workbook.content import Library
from workbook.models import Moment, OwnResource, PartnerId, Rest, TimeOut, new_id
from workbook.my_answers import hidden_by_turn
from workbook.pacing import local_time
from workbook.signals import Signal, help_signals
from workbook.sittings import break_ahead
from workbook.store import Store
from workbook.wording import clean_name


class NameError_(ValueError):
    """A name that cannot be used; the message key names why (in texts.toml)."""


class CareCalls:
    """Safety, consent, pacing and help, over the workbook's store, content and clock."""

    store: Store
    library: Library
    clock: Clock

    # -- the safety check and consent ---------------------------------------------------

    def safety_check_needed(self) -> bool:
        """Whether the first-run safety check is still to be done."""
        meta = self.store.meta()
        return meta is not None and not meta.safety_checked

    def safety_check_done(self) -> None:
        """Keep the one trace of the first-run check: that it was done (never an answer)."""
        meta = self.store.meta()
        if meta is not None and not meta.safety_checked:
            self.store.save_meta(meta.model_copy(update={"safety_checked": True}))

    def _rests(self) -> dict[str, date]:
        today = self.clock.now().date()
        return {r.id: r.until for r in self.store.rests() if r.until > today}

    def resting_until(self, exercise_id: str) -> date | None:
        """The day a sensitive exercise that did not open is offered again, if still ahead."""
        return self._rests().get(exercise_id)

    def consent(self, exercise_id: str, both_yes: bool) -> date | None:
        """After both partners answered in private: None if it opens, else the day it is
        offered again. Only the outcome is stored, never who said what."""
        if both_yes:
            return None
        until = self.clock.now().date() + timedelta(days=self.library.pacing.declined_rest_days)
        self.store.save_rest(Rest(id=exercise_id, until=until))
        return until

    def time_words(self, moment: datetime) -> str:
        """A return time as the couple reads it: "18:30", or "08:00 tomorrow"."""
        time, later_day = local_time(moment, self.clock.now())
        return self.library.say(
            "timeout.at_tomorrow" if later_day else "timeout.at_today", time=time
        )

    def break_ahead(self) -> TimeOut | None:
        """A break agreed in an earlier sitting whose return time is still ahead."""
        return break_ahead(self.store.sittings(), self.clock.now())

    # -- places to turn, and a word when a counsellor could help --------------------------

    def own_resources(self) -> list[OwnResource]:
        return sorted(self.store.own_resources(), key=lambda r: r.added_at)

    def add_own_resource(self, name: str, contact: str, note: str = "") -> OwnResource:
        """Save one of the couple's own places to turn; ``NameError_`` if it has no name."""
        name = clean_name(name)
        if not name:
            raise NameError_("resources.need_name")
        resource = OwnResource(
            id=new_id(),
            name=name,
            contact=clean_name(contact),
            note=clean_name(note),
            added_at=self.clock.now(),
        )
        self.store.save_own_resource(resource)
        return resource

    def remove_own_resource(self, resource_id: str) -> None:
        self.store.remove_own_resource(resource_id)

    def help_signals(self) -> list[Signal]:
        """What in the couple's own sittings and shared check-in ratings suggests a counsellor
        could help (Home says so)."""
        rules, hidden = self.library.pacing.help_signals, hidden_by_turn(self.store)
        check_ins = [as_shared(c, hidden) for c in self.store.check_ins()]
        now = self.clock.now()
        return help_signals(self.store.sittings(), self.store.index(), rules, now, check_ins)

    def moments(self) -> dict[PartnerId, Moment]:
        """Each partner's one moment for a therapist, if they noted one."""
        return {m.partner: m for m in self.store.moments()}

    def note_moment(self, partner: PartnerId, text: str) -> None:
        """Keep ``partner``'s moment as written (as a turn keeps an answer), in place of the
        one before; nothing but space removes it."""
        if text.strip():
            self.store.save_moment(Moment(partner=partner, text=text, noted_at=self.clock.now()))
        else:
            self.store.remove_moment(partner)
