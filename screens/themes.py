"""The app's three looks, registered with Textual's theme system; only these are offered.

- ``calm``, the default: a soft blue-grey dark, muted colours and no pure white, for late
  evenings and tired, often teary eyes. Nothing on it shouts, yet every text reads at 4.5:1 or
  more.
- ``light``: warm paper and near-black ink, for a bright room or a screen in daylight; the
  accents are deep shades, since pale ones fade on a light ground.
- ``high-contrast``: white on black for low vision, every colour at 7:1 or more, with pure,
  clearly different accents (yellow, cyan, orange); quiet text is as bright as the rest, the
  focus is a solid yellow block with bold words, and placeholders are italic, not faint.

Each partner's colour has its own shade in each theme (``workbook.book_settings.PAINTS``), so a
name reads on every background; whose turn it is is said in words on every screen anyway.
"""

from __future__ import annotations

from typing import Any

from textual.theme import Theme

from workbook.book import Workbook
from workbook.models import ThemeName

#: Each theme as settings' list and the command palette name it.
THEME_LABELS: dict[ThemeName, str] = {
    "calm": "Calm",
    "light": "Light",
    "high-contrast": "High contrast",
}

THEMES: dict[ThemeName, Theme] = {
    "calm": Theme(
        name="calm",
        primary="#7A9CC6",
        secondary="#5F7C94",
        accent="#D6B486",
        warning="#E2B66E",
        error="#E08A84",
        success="#8CC49A",
        foreground="#D5DCE3",
        background="#1B1F25",
        surface="#20252C",
        panel="#2A3038",
        dark=True,
        variables={
            "text-muted": "#A3ADB8",
            "text-disabled": "#9AA4AF",
            "border-blurred": "#4F5B69",
            "footer-key-foreground": "#D6B486",
            "block-cursor-background": "#3D5A7A",
            "block-cursor-foreground": "#F0F3F6",
            "block-cursor-text-style": "bold",
        },
    ),
    "light": Theme(
        name="light",
        primary="#2C5A8C",
        secondary="#4A6A85",
        accent="#8A4A0B",
        warning="#8C5700",
        error="#A8231C",
        success="#2A6E3A",
        foreground="#1F2328",
        background="#F3F0E8",
        surface="#FAF8F3",
        panel="#E9E4D8",
        dark=False,
        variables={
            "text-muted": "#4F5862",
            "text-disabled": "#586069",
            "border-blurred": "#A3ABB5",
            "footer-key-foreground": "#2C5A8C",
            "block-cursor-background": "#2C5A8C",
            "block-cursor-foreground": "#FFFFFF",
            "block-cursor-text-style": "bold",
        },
    ),
    "high-contrast": Theme(
        name="high-contrast",
        primary="#FFFF00",
        secondary="#00FFFF",
        accent="#FFFF00",
        warning="#FFB000",
        error="#FF7070",
        success="#40FF80",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#000000",
        dark=True,
        text_alpha=1.0,
        variables={
            "text": "#FFFFFF",
            "text-muted": "#FFFFFF",
            "text-disabled": "#C0C0C0",
            "border": "#FFFF00",
            "border-blurred": "#FFFFFF",
            "footer-key-foreground": "#FFFF00",
            "footer-background": "#000000",
            "footer-description-foreground": "#FFFFFF",
            "block-cursor-background": "#FFFF00",
            "block-cursor-foreground": "#000000",
            "block-cursor-text-style": "bold",
            "block-cursor-blurred-background": "#3A3A3A",
            "block-cursor-blurred-foreground": "#FFFFFF",
            "block-cursor-blurred-text-style": "bold",
            "block-hover-background": "#3A3A3A",
            "input-cursor-background": "#FFFF00",
            "input-cursor-foreground": "#000000",
            "input-selection-background": "#00FFFF",
            "input-selection-foreground": "#000000",
            "button-color-foreground": "#000000",
            "button-focus-text-style": "bold reverse underline",
        },
    ),
}


class Themed:
    """Mixin for the app (before ``App`` in its bases): only the workbook's own themes are
    offered, the saved one is applied before the first paint, and a change is saved first,
    then applied (so a screen repainting on ``App.theme_changed_signal`` paints the new
    shades: ``Workbook.paint`` reads the saved theme)."""

    book: Workbook

    def show_saved_theme(self) -> None:
        """At start: register the three themes, apply the saved one, and take Textual's own
        themes away, so nothing (the command palette's theme picker included) offers them."""
        app: Any = self
        for theme in THEMES.values():
            app.register_theme(theme)
        app.theme = self.book.theme()
        for name in set(app.available_themes) - set(THEMES):
            app.unregister_theme(name)

    def use_theme(self, name: ThemeName) -> None:
        """Save ``name`` as the workbook's theme and apply it at once (settings and the
        command palette call this); a name not in ``THEMES`` is refused (``ValueError``)."""
        self.book.set_theme(name)
        app: Any = self
        app.theme = name
