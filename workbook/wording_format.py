"""The format of ``content/wording.toml``: named sets of gentle wording checks.

A check is a regular expression and a warm note. The patterns live in content, not in the
program, so a translation brings its own; each must compile (case-insensitive) and may not
match empty text, or ``wording.toml`` does not load. A check may take a pattern from a check in
another set (``pattern_from = "apology.blame"``), so two sets that notice the same words, each
with a note of its own, never hold two copies of one pattern.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import (
    Field,
    PrivateAttr,
    RootModel,
    StringConstraints,
    field_validator,
    model_validator,
)

from workbook.content_check import nearest
from workbook.content_format import Format

#: How every pattern is compiled: "Sorry if" is noticed as surely as "sorry if".
FLAGS = re.IGNORECASE

SetName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled, or a ``ValueError`` a counsellor can act on."""
    try:
        regex = re.compile(pattern, FLAGS)
    except re.error as error:
        raise ValueError(f"the pattern does not compile ({error})") from error
    if regex.fullmatch(""):
        raise ValueError("the pattern matches empty text, so it would notice every answer")
    return regex


class WordingCheck(Format):
    """One gentle check: what to look for, and what to say about it when it is found."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    pattern: str | None = Field(default=None, min_length=1)
    """A regular expression; the words it matches are quoted back to the writer."""
    pattern_from: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
    """``set.id`` of a check whose own ``pattern`` this check also looks for."""
    note: str = Field(min_length=1)
    """What was noticed, and why it can take an apology back, in one or two warm sentences."""
    _regex: re.Pattern[str] | None = PrivateAttr(default=None)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            compile_pattern(pattern)
        return pattern

    @model_validator(mode="after")
    def _has_a_pattern(self) -> WordingCheck:
        if self.pattern is None and self.pattern_from is None:
            raise ValueError("a check needs a pattern, a pattern_from, or both")
        if self.pattern is not None:
            self._regex = compile_pattern(self.pattern)
        return self

    @property
    def regex(self) -> re.Pattern[str]:
        """Its own pattern, then the one it takes (``Wording`` joins them when it loads)."""
        if self._regex is None:
            raise LookupError(
                f"check '{self.id}' takes its pattern from '{self.pattern_from}', which only "
                "the whole of wording.toml can give"
            )
        return self._regex


class Wording(RootModel[dict[SetName, Annotated[list[WordingCheck], Field(min_length=1)]]]):
    """``content/wording.toml``: each set of checks by name (``check = "apology"`` on a step)."""

    @model_validator(mode="after")
    def _unique_ids(self) -> Wording:
        for name, checks in self.root.items():
            ids = [check.id for check in checks]
            if len(set(ids)) != len(ids):
                raise ValueError(f"set '{name}': check ids must be unique")
        return self

    @model_validator(mode="after")
    def _take_patterns(self) -> Wording:
        """Each ``pattern_from`` names a check with a pattern of its own; join the two."""
        lenders = {f"{name}.{c.id}": c for name, checks in self.root.items() for c in checks}
        for name, checks in self.root.items():
            for check in checks:
                if check.pattern_from is None:
                    continue
                where = f"set '{name}', check '{check.id}', pattern_from '{check.pattern_from}'"
                lender = lenders.get(check.pattern_from)
                if lender is None:
                    known = nearest(check.pattern_from, lenders)
                    raise ValueError(f"{where}: there is no such check in wording.toml{known}")
                if lender.pattern is None:
                    raise ValueError(
                        f"{where}: that check takes its pattern from elsewhere too; name the "
                        f"check whose own pattern it is ('{lender.pattern_from}')"
                    )
                own = [check.pattern] if check.pattern is not None else []
                joined = "|".join(f"(?:{p})" for p in [*own, lender.pattern])
                check._regex = compile_pattern(joined)
        return self

    def checks(self, name: str) -> list[WordingCheck]:
        return self.root[name]

    def names(self) -> list[str]:
        return list(self.root)
