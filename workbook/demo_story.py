"""The demo couple's story as ``content/demo.toml`` tells it: who they are, and what they did on
each evening. Validated like every content file, so a typo in the story is named at load, not
found as a strange screen in the demo. ``workbook.demo`` plays it through the app's own calls.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, model_validator

from workbook.content import CONTENT_PACKAGE, parse_toml
from workbook.content_format import Format
from workbook.errors import ContentError
from workbook.models import PartnerId

STORY_FILE = "demo.toml"


class Pass(Format):
    """A move that passes instead of answering."""

    pass_: Literal[True] = Field(alias="pass")


class InDays(Format):
    """A date answer: this many days after the evening it is given on."""

    in_days: int = Field(ge=0)


#: One answer as the story writes it (a check-in's ratings are a table of strings).
Answer = str | list[str] | Pass | InDays | dict[str, str]
#: One move: who should be acting, and what they answer.
Move = tuple[PartnerId, Answer]


class Session(Format):
    """A session started (``exercise``) or picked up again (``resume``, by its ``name``)."""

    exercise: str | None = None
    resume: str | None = None
    roles: dict[str, PartnerId] = Field(default_factory=dict)
    moves: list[Move] = Field(default_factory=list)
    name: str | None = None
    """A name for the session, and for the agreement it makes, to point at later."""
    about: str | None = None
    """The agreement (by the name of the session that made it) it amends or reviews."""

    @model_validator(mode="after")
    def _started_or_resumed(self) -> Session:
        if (self.exercise is None) == (self.resume is None):
            raise ValueError("a session has either an exercise or a session to resume")
        return self


class TimeOut(Format):
    """A break called (and, unless ``come_back`` is false, come back from)."""

    time_out: int = Field(ge=20, le=1440)
    come_back: bool = True


class Reopen(Format):
    """One partner alone takes their yes back from an agreement."""

    reopen: str
    by: PartnerId
    note: str = ""


class MomentNoted(Format):
    """A partner's "one moment we want help with", for a therapist."""

    moment: str = Field(min_length=1)
    by: PartnerId


class OwnResource(Format):
    """A resource of the couple's own, on the resources screen."""

    resource: str = Field(min_length=1)
    contact: str = ""
    note: str = ""


class OptIn(Format):
    """A partner lets their answer at ``opt_in`` (a step of the last session) into exports."""

    opt_in: str
    by: PartnerId


class Draft(Format):
    """Words half typed at the last session's current step."""

    draft: str = Field(min_length=1)


Doing = Session | TimeOut | Reopen | MomentNoted | OwnResource | OptIn | Draft


class Evening(Format):
    """One sitting at the workbook, ``days_ago`` days before today."""

    days_ago: int = Field(ge=1)
    ends: Literal["closed", "stopped"] = "closed"
    do: list[Doing] = Field(min_length=1)


class Couple(Format):
    a: str = Field(min_length=1)
    b: str = Field(min_length=1)


class Story(Format):
    """``content/demo.toml``: the couple, and their evenings from the first to the last."""

    couple: Couple
    evenings: Annotated[list[Evening], Field(min_length=1)]

    @model_validator(mode="after")
    def _in_order(self) -> Story:
        days = [evening.days_ago for evening in self.evenings]
        if days != sorted(set(days), reverse=True):
            raise ValueError("evenings go from the first to the last, one a day at most")
        return self


@cache
def story() -> Story:
    """The shipped story, read once; a problem in it is a bug (``ContentError``)."""
    text = resources.files(CONTENT_PACKAGE).joinpath(STORY_FILE).read_text(encoding="utf-8")
    data, problems = parse_toml(text, STORY_FILE)
    if data is None:
        raise ContentError(problems)
    return parsed(data)


def parsed(data: dict[str, Any]) -> Story:
    try:
        return Story.model_validate(data)
    except ValidationError as error:
        problems = [f"{STORY_FILE}: {e['loc']}: {e['msg']}" for e in error.errors()]
        raise ContentError(problems) from error
