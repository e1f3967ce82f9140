"""The workbook's calls for who the two partners are and how the app shows them: their names
and colours (set at first run, changed in settings), and discreet mode.

A turn, an agreement's acceptance and everything else a partner did stores their id (``a`` or
``b``), never their name, so a new name is read everywhere, past turns included, from the one
partners table. ``Workbook`` takes these in as a base class, like ``CareCalls``.
"""

from __future__ import annotations

from workbook.book_care import NameError_
from workbook.content import Library
from workbook.models import PARTNER_IDS, Partner, PartnerId, other
from workbook.store import Store
from workbook.wording import clean_name

#: The colours a partner can have, by the name stored and shown, as painted on screen: each is
#: readable, at 3:1 or more, on the app's dark and light themes (a test in
#: ``tests/app/test_names_and_colours.py``).
PALETTE: dict[str, str] = {
    "cyan": "#077D8A",
    "magenta": "#D01E95",
    "orange": "#BC510A",
    "green": "#208149",
    "blue": "#1870D5",
    "purple": "#9A4BD2",
}
#: Each partner's colour until they choose another.
FIRST_COLOURS: dict[PartnerId, str] = {"a": "cyan", "b": "magenta"}
MAX_NAME = 40

#: Where discreet mode keeps its neutral wording: ``[discreet]`` in texts.toml, each key the
#: text it stands in for.
DISCREET = "discreet"


def checked_names(name: str, other_name: str) -> tuple[str, str]:
    """Both names cleaned, or ``NameError_`` (a texts key) saying what is wrong with them: one
    rule for set-up and renaming."""
    names = clean_name(name), clean_name(other_name)
    if not all(names):
        raise NameError_("setup.need_both")
    if any(len(n) > MAX_NAME for n in names):
        raise NameError_("setup.too_long")
    if names[0].casefold() == names[1].casefold():
        raise NameError_("setup.need_different")
    return names


class SettingsCalls:
    """Names, colours and discreet mode, over the workbook's store and content."""

    store: Store
    library: Library

    # -- the partners ----------------------------------------------------------------------

    def partners(self) -> dict[PartnerId, Partner]:
        return {p.id: p for p in self.store.partners()}

    def needs_setup(self) -> bool:
        return len(self.store.partners()) < 2

    def set_partners(self, name_a: str, name_b: str) -> None:
        """Save both names; ``NameError_`` (a texts key) says what is wrong with them."""
        names = checked_names(name_a, name_b)
        self.store.save_partners(
            [
                Partner(id=pid, name=n, colour=FIRST_COLOURS[pid])
                for pid, n in zip(PARTNER_IDS, names, strict=True)
            ]
        )

    def name(self, partner: PartnerId | None) -> str:
        return self.partners()[partner].name if partner else ""

    def rename_partner(self, partner: PartnerId, name: str) -> str:
        """Give ``partner`` a new name, checked as at set-up (``NameError_``); return it as
        saved (cleaned)."""
        partners = self.partners()
        new, _ = checked_names(name, partners[other(partner)].name)
        self._save_partner(partners, partners[partner].model_copy(update={"name": new}))
        return new

    def free_colours(self, partner: PartnerId) -> list[str]:
        """The colours ``partner`` may have, in palette order: all but the other's."""
        taken = self.partners()[other(partner)].colour
        return [colour for colour in PALETTE if colour != taken]

    def set_colour(self, partner: PartnerId, colour: str) -> None:
        """Give ``partner`` a colour of the palette; never the other's (``NameError_``), so
        the two always look different."""
        if colour not in PALETTE:
            raise ValueError(f"{colour!r} is not in the palette")
        if colour not in self.free_colours(partner):
            raise NameError_("settings.colour_taken")
        partners = self.partners()
        self._save_partner(partners, partners[partner].model_copy(update={"colour": colour}))

    def paint(self, partner: PartnerId) -> str:
        """How ``partner``'s colour is painted; a colour not in the palette (a file written by
        hand) is painted as their first one."""
        colour = self.partners()[partner].colour
        return PALETTE.get(colour, PALETTE[FIRST_COLOURS[partner]])

    def _save_partner(self, partners: dict[PartnerId, Partner], changed: Partner) -> None:
        self.store.save_partners([changed if p.id == changed.id else p for p in partners.values()])

    # -- discreet mode ---------------------------------------------------------------------

    def discreet(self) -> bool:
        """Whether the app shows neutral words where they would say what it is for."""
        meta = self.store.meta()
        return meta is not None and meta.discreet

    def set_discreet(self, on: bool) -> None:
        """Turn discreet mode on or off: one setting, saved; no data moves."""
        meta = self.store.meta()
        if meta is not None and meta.discreet != on:
            self.store.save_meta(meta.model_copy(update={"discreet": on}))

    def say(self, key: str, **names: str) -> str:
        """A sentence as the app shows it now: in discreet mode, its neutral wording where
        ``[discreet]`` has one."""
        if self.discreet() and key in self.library.texts.root[DISCREET]:
            return self.library.say(f"{DISCREET}.{key}", **names)
        return self.library.say(key, **names)
