"""The format of ``content/wording.toml``: named sets of gentle wording checks.

A check is a regular expression and a warm note. The patterns live in content, not in the
program, so a translation brings its own; each must compile (case-insensitive) and may not
match empty text, or ``wording.toml`` does not load.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated

from pydantic import Field, RootModel, StringConstraints, field_validator, model_validator

from workbook.content_format import Format

#: How every pattern is compiled: "Sorry if" is noticed as surely as "sorry if".
FLAGS = re.IGNORECASE

SetName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class WordingCheck(Format):
    """One gentle check: what to look for, and what to say about it when it is found."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    pattern: str = Field(min_length=1)
    """A regular expression; the words it matches are quoted back to the writer."""
    note: str = Field(min_length=1)
    """What was noticed, and why it can take an apology back, in one or two warm sentences."""

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            regex = re.compile(pattern, FLAGS)
        except re.error as error:
            raise ValueError(f"the pattern does not compile ({error})") from error
        if regex.fullmatch(""):
            raise ValueError("the pattern matches empty text, so it would notice every answer")
        return pattern

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, FLAGS)


class Wording(RootModel[dict[SetName, Annotated[list[WordingCheck], Field(min_length=1)]]]):
    """``content/wording.toml``: each set of checks by name (``check = "apology"`` on a step)."""

    @model_validator(mode="after")
    def _unique_ids(self) -> Wording:
        for name, checks in self.root.items():
            ids = [check.id for check in checks]
            if len(set(ids)) != len(ids):
                raise ValueError(f"set '{name}': check ids must be unique")
        return self

    def checks(self, name: str) -> list[WordingCheck]:
        return self.root[name]

    def names(self) -> list[str]:
        return list(self.root)
