"""What a step's gentle wording checks notice in an answer, before it is saved.

Pure: the step names a set in ``content/wording.toml`` (``check``), and each check of that set
is looked for in the text. The screen quotes what was noticed and asks whether the writer would
like to rephrase; nothing here decides for them, and keeping their words is always fine.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbook.content_format import Step
from workbook.wording_format import Wording, WordingCheck


@dataclass(frozen=True)
class Noticed:
    """One check that found something: the exact words (cut from the text) and its note."""

    check_id: str
    words: str
    note: str
    start: int
    """Where the words begin in the text (findings come in the order they are written)."""


def notice(wording: Wording, step: Step, text: str) -> list[Noticed]:
    """What ``step``'s checks notice in ``text``, in the order it is written, at most one
    finding per check; nothing for a step without ``check``."""
    if step.check is None:
        return []
    found = [n for check in wording.checks(step.check) if (n := _first(check, text)) is not None]
    return sorted(found, key=lambda n: n.start)


def _first(check: WordingCheck, text: str) -> Noticed | None:
    """The first place ``check`` matches some words (a pattern may match nothing at a
    word's edge; that is no finding)."""
    for match in check.regex.finditer(text):
        if match.group().strip():
            return Noticed(check.id, match.group(), check.note, match.start())
    return None
