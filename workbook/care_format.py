"""The content that keeps people safe and paced: the private safety check, the resources
with their sources, and the numbers that pace a sitting. Validated like every content file,
so an unsourced helpline or an impossible break length never ships."""

from __future__ import annotations

from datetime import date

from pydantic import Field, HttpUrl, model_validator

from workbook.content_format import Format


class SafetyQuestion(Format):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    text: str = Field(min_length=1)


class SafetyAnswer(Format):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)


class SafetyCheck(Format):
    """``content/safety.toml``: the private questions each person answers alone. Every
    question offers the same answers, and no answer changes what comes next."""

    questions: list[SafetyQuestion] = Field(min_length=1)
    answers: list[SafetyAnswer] = Field(min_length=2)


class Helpline(Format):
    """One helpline, shipped only with where it was found and when that was checked."""

    country: str = Field(min_length=1)
    name: str = Field(min_length=1)
    contact: str = Field(min_length=1)
    """How to reach it: a number to call or text, or a website."""
    helps_with: str = Field(min_length=1)
    source: HttpUrl
    checked: date


class Resources(Format):
    """``content/resources.toml``: emergency guidance, then helplines by country."""

    emergency: str = Field(min_length=1)
    helplines: list[Helpline] = Field(min_length=1)


class HelpSignals(Format):
    """``[help_signals]`` in ``content/pacing.toml``: when the couple's own sittings or
    check-ins show a pattern that a counsellor could help with. One hard sitting is never a
    pattern, so every count is at least two."""

    within_days: int = Field(ge=1, le=365)
    """Only sittings that ended this many days ago or less are looked at, and check-ins only
    while the latest counted is this recent."""
    recent_sittings: int = Field(ge=2, le=50)
    time_out_sittings: int = Field(ge=2)
    """Breaks: at least this many of the last ``recent_sittings`` had a time-out."""
    stops_running: int = Field(ge=2, le=50)
    """Stops: this many sittings in a row, the latest ones, ended with "we need to stop"."""
    check_ins: int = Field(ge=2, le=52)
    """Check-ins: this many, the latest ones holding a shared rating, are compared (the
    earlier half with the later half)."""
    check_in_weeks: int = Field(ge=1, le=52)
    """Check-ins: and they are spread over at least this many weeks, first to last."""
    check_in_well_at: int = Field(ge=0, le=10)
    """Check-ins: shared ratings whose later average is at least this are doing well, not
    stuck, however level they stay."""

    @model_validator(mode="after")
    def _counts_fit(self) -> HelpSignals:
        if self.time_out_sittings > self.recent_sittings:
            raise ValueError("time_out_sittings is more than recent_sittings")
        return self


class Pacing(Format):
    """``content/pacing.toml``: the numbers behind breaks, consent and the pace of a sitting."""

    break_min_minutes: int = Field(ge=1)
    break_max_minutes: int = Field(ge=1)
    break_choices_minutes: list[int] = Field(min_length=1)
    """The return times offered at a time-out, in minutes from now."""
    suggest_break_after_minutes: int = Field(ge=1)
    declined_rest_days: int = Field(ge=1)
    """How long a sensitive exercise that did not open waits before it is offered again."""
    breathe_in_seconds: float = Field(gt=0)
    breathe_out_seconds: float = Field(gt=0)
    check_in_every_days: int = Field(ge=1, le=90)
    """Today on Home suggests a check-in once there has been none for this many days."""
    help_signals: HelpSignals

    @model_validator(mode="after")
    def _choices_within_bounds(self) -> Pacing:
        if self.break_min_minutes > self.break_max_minutes:
            raise ValueError("break_min_minutes is more than break_max_minutes")
        for minutes in self.break_choices_minutes:
            if not self.break_min_minutes <= minutes <= self.break_max_minutes:
                raise ValueError(f"break choice {minutes} is outside the break's bounds")
        return self
