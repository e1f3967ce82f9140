"""The workbook's calls for who the two partners are and how the app shows them and paces a
break: their names and colours (set at first run, changed in settings), discreet mode, the
theme, and the time a time-out offers first.

A turn, an agreement's acceptance and everything else a partner did stores their id (``a`` or
``b``), never their name, so a new name is read everywhere, past turns included, from the one
partners table. ``Workbook`` takes these in as a base class, like ``CareCalls``.
"""

from __future__ import annotations

from difflib import get_close_matches

from workbook.book_care import NameError_
from workbook.content import Library
from workbook.models import PARTNER_IDS, THEME_NAMES, Partner, PartnerId, ThemeName, other
from workbook.store import Store
from workbook.wording import clean_name

#: How each colour a partner can have (by the name stored and shown) is painted in each theme
#: (``screens/themes.py``): light shades on the calm dark, deep ones on the light theme's
#: paper, pure ones on high contrast's black. Each reads at 4.5:1 or more on its theme's
#: grounds (``tests/app/test_themes.py``), so a name in bold reads on every screen.
PAINTS: dict[ThemeName, dict[str, str]] = {
    "calm": {
        "cyan": "#5DB8C4",
        "magenta": "#DB85BE",
        "orange": "#DE9A5E",
        "green": "#7DBF8E",
        "blue": "#82A8E2",
        "purple": "#B496DE",
    },
    "light": {
        "cyan": "#00616B",
        "magenta": "#A0126C",
        "orange": "#973E00",
        "green": "#1B6633",
        "blue": "#1A57A8",
        "purple": "#7432A8",
    },
    "high-contrast": {
        "cyan": "#00FFFF",
        "magenta": "#FF70FF",
        "orange": "#FFA040",
        "green": "#40FF70",
        "blue": "#70B8FF",
        "purple": "#D0A0FF",
    },
}
#: The colours a partner can have, in the order offered, as painted in the default theme.
PALETTE: dict[str, str] = PAINTS["calm"]
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
    """Names, colours, discreet mode, the theme and the break offered first, over the
    workbook's store and content."""

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
        """How ``partner``'s colour is painted in the theme chosen; a colour not in the
        palette (a file written by hand) is painted as their first one."""
        colour = self.partners()[partner].colour
        return self.shade(colour if colour in PALETTE else FIRST_COLOURS[partner])

    def shade(self, colour: str) -> str:
        """How the palette's ``colour`` is painted in the theme chosen."""
        return PAINTS[self.theme()][colour]

    def _save_partner(self, partners: dict[PartnerId, Partner], changed: Partner) -> None:
        self.store.save_partners([changed if p.id == changed.id else p for p in partners.values()])

    # -- discreet mode ---------------------------------------------------------------------

    def discreet(self) -> bool:
        """Whether the app shows neutral words where they would say what it is for."""
        meta = self.store.meta()
        return meta is not None and meta.discreet

    def set_discreet(self, on: bool) -> None:
        """Turn discreet mode on or off: one setting, saved; no data moves."""
        self._save_meta(discreet=on)

    # -- the theme and the time-out's first offer --------------------------------------------

    def theme(self) -> ThemeName:
        """How the app looks: the theme chosen in settings, calm until one is."""
        meta = self.store.meta()
        return meta.theme if meta is not None else THEME_NAMES[0]

    def set_theme(self, name: str) -> None:
        """Choose one of ``THEME_NAMES``; any other name is refused (``ValueError`` naming
        the themes there are, and the nearest one)."""
        if name not in THEME_NAMES:
            near = get_close_matches(name, THEME_NAMES, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise ValueError(f"{name!r} is not a theme: choose {', '.join(THEME_NAMES)}{hint}")
        self._save_meta(theme=name)

    def break_minutes(self) -> int:
        """The return time a time-out offers first, in minutes: the one chosen in settings,
        or the content's first choice (none chosen, or one the content no longer offers)."""
        choices = self.library.pacing.break_choices_minutes
        meta = self.store.meta()
        chosen = meta.break_minutes if meta is not None else None
        return chosen if chosen in choices else choices[0]

    def set_break_minutes(self, minutes: int) -> None:
        """Choose the time a time-out offers first: one of ``break_choices_minutes`` in
        ``content/pacing.toml``, which alone the break screen offers (``ValueError`` else)."""
        choices = self.library.pacing.break_choices_minutes
        if minutes not in choices:
            offered = ", ".join(str(m) for m in choices)
            raise ValueError(f"{minutes} minutes is not a break time offered: choose {offered}")
        self._save_meta(break_minutes=minutes)

    def _save_meta(self, **changes: object) -> None:
        """Save ``changes`` to the meta record; nothing is written when none changes it."""
        meta = self.store.meta()
        if meta is not None and any(getattr(meta, k) != v for k, v in changes.items()):
            self.store.save_meta(meta.model_copy(update=changes))

    def say(self, key: str, **names: str) -> str:
        """A sentence as the app shows it now: in discreet mode, its neutral wording where
        ``[discreet]`` has one."""
        if self.discreet() and key in self.library.texts.root[DISCREET]:
            return self.library.say(f"{DISCREET}.{key}", **names)
        return self.library.say(key, **names)
