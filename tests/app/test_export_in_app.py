"""The summary for a therapist written from the app, by keys: by default Markdown without
transcripts in the data folder's ``exports/`` (made 0700), the file 0600, and the screen says
where; JSON by choice (the suggested name follows), valid against the model; a place that
cannot be written is said plainly."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.app.own_words import (
    ALEX_WROTE,
    LIBRARY,
    appreciations_by_keys,
    export_by_keys,
    open_export,
    written,
)
from tests.app.pilot import running, screen_words
from workbook.clock import ManualClock
from workbook.export import ExportDocument

pytestmark = pytest.mark.usefixtures("in_utc")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_by_default_a_markdown_summary_in_the_exports_folder_readable_by_you_only(
    data_folder: Path,
) -> None:
    async with running(data_folder, clock=ManualClock()) as (_, pilot):
        await appreciations_by_keys(pilot)
        await open_export(pilot)
        assert LIBRARY.say("export.title") in screen_words(pilot)
        await export_by_keys(pilot, transcripts=False)
        path = written(data_folder)
        words = screen_words(pilot)
        assert "Written to" in words and "not encrypted" in words
        assert str(path) in words.replace(" ", "")  # a long path wraps
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    text = path.read_text()
    assert text.startswith(f"# {LIBRARY.say('export.title')}")
    assert "not encrypted" in text.splitlines()[2]
    assert "- 2026-01-01 · Appreciations and milestones" in text
    assert "## Transcripts" not in text and "Warm" not in text and ALEX_WROTE not in text


async def test_json_by_choice_follows_the_model_and_the_suggested_name_follows(
    data_folder: Path,
) -> None:
    async with running(data_folder, clock=ManualClock()) as (app, pilot):
        await appreciations_by_keys(pilot)
        screen = await open_export(pilot)
        await export_by_keys(pilot, transcripts=True, json=True)
        assert screen.query_one("#path", Input).value == str(written(data_folder, ".json"))
    document = ExportDocument.model_validate_json(written(data_folder, ".json").read_text())
    assert document.transcripts is not None
    assert ("Alex", "Warm") in [(line.author, line.words) for line in document.transcripts[0].lines]
    assert mode(written(data_folder, ".json")) == 0o600
    assert not written(data_folder).exists()


async def test_a_place_that_cannot_be_written_is_said_plainly(data_folder: Path) -> None:
    async with running(data_folder, clock=ManualClock()) as (_, pilot):
        (data_folder / "exports").write_text("a file where the folder would go")
        await open_export(pilot)
        await export_by_keys(pilot, transcripts=False)
        words = screen_words(pilot)
        assert "It could not be written" in words and "Nothing was changed." in words
    assert (data_folder / "exports").read_text() == "a file where the folder would go"
