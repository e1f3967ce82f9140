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

_C0_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_KEEP = {ord("\n"), ord("\t")}


def fill(template: str, names: Mapping[str, str]) -> str:
    """Put names into ``{placeholders}`` in one pass; unknown placeholders stay as written."""
    return PLACEHOLDER.sub(lambda m: names.get(m.group(1), m.group(0)), template)


def placeholders(template: str) -> set[str]:
    return set(PLACEHOLDER.findall(template))


def visible(text: str) -> str:
    """``text`` with control characters shown as symbols (newlines and tabs kept)."""
    out: list[str] = []
    for char in text:
        code = ord(char)
        if code in _KEEP:
            out.append(char)
        elif code < 0x20:
            out.append(_C0_PICTURES[code])
        elif code == 0x7F:
            out.append("\u2421")
        elif 0x80 <= code <= 0x9F:
            out.append("\ufffd")
        else:
            out.append(char)
    return "".join(out)


def clean_name(name: str) -> str:
    """A name with surrounding space and any control characters removed."""
    kept = "".join(c for c in name if unicodedata.category(c)[0] != "C" or c == "\u200d")
    return " ".join(kept.split())
