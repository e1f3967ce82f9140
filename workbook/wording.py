"""Filling content sentences and making a partner's words safe to show.

Templates come only from content files; a partner's words are never treated as a template or
as markup. ``visible`` turns control characters (an escape sequence, a bell) into the
Unicode "control pictures", so they are seen, not obeyed by the terminal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")

#: Each control character to what is drawn instead (newlines and tabs kept): C0 as its
#: control picture, DEL as its own, C1 as the replacement character. One table, so ``visible``
#: is a single ``str.translate`` (the answer box draws every line through it on each key).
_SHOWN = {
    **{code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"},
    0x7F: "\u2421",
    **{code: "\ufffd" for code in range(0x80, 0xA0)},
}


def fill(template: str, names: Mapping[str, str]) -> str:
    """Put names into ``{placeholders}`` in one pass; unknown placeholders stay as written."""
    return PLACEHOLDER.sub(lambda m: names.get(m.group(1), m.group(0)), template)


def placeholders(template: str) -> set[str]:
    return set(PLACEHOLDER.findall(template))


def visible(text: str) -> str:
    """``text`` with control characters shown as symbols (newlines and tabs kept)."""
    return text.translate(_SHOWN)


def clean_name(name: str) -> str:
    """A name with surrounding space and any control characters removed."""
    kept = "".join(c for c in name if unicodedata.category(c)[0] != "C" or c == "\u200d")
    return " ".join(kept.split())
