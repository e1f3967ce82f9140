"""The README's screenshots come from ``docs/screenshots.py`` (issue 11): run as ``make
screenshots`` runs it, into a temporary folder, it writes an SVG of each key screen showing
what that screen is for, and every picture the README links is one the script makes and one
committed under ``docs/screenshots/``."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from docs.screenshots import APPRECIATIONS
from workbook.demo_story import story

ROOT = Path(__file__).resolve().parents[2]
NOOR, ELI = story().couple.a, story().couple.b
#: Words each screenshot must show: what makes it the picture the README says it is.
SHOWS = {
    "home": (f"Welcome, {NOOR} and {ELI}", "Pick up where you left off"),
    "exercise-turn": (f"{NOOR}'s turn", f"What {ELI} shared"),
    "help": ("Help", "ctrl+s"),
    "hand-over": (f"{ELI}, please look away", f"{NOOR}, press Enter"),
    "reveal": (f"{NOOR}:", f"{ELI}:", *APPRECIATIONS),
    "agreement": ("Its history", f"{NOOR} agreed on"),
    "agreements": ("We tell each other when plans change.", "To revisit"),
    "progress": ("Trust", "Emotional safety", "Closeness", "latest", "Milestones"),
    "settings": ("Settings", "Your workbook is kept in"),
    "time-out": ("Break until", "Breathe in"),
}
#: A link to a picture in the README, as Markdown writes it.
LINK = re.compile(r"\]\((docs/screenshots/[\w.-]+\.svg)\)")


def svg_words(svg: Path) -> str:
    """The words an SVG screenshot shows, as one line: its runs of text joined in order, with
    borders and wrapping taken out."""
    runs = re.findall(r"<text[^>]*>([^<]*)</text>", svg.read_text(encoding="utf-8"))
    text = html.unescape("".join(runs))
    return " ".join(re.sub(r"[\u2500-\u259f]", " ", text).split())


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The script run once, as ``make screenshots`` runs it, into a temporary folder (its
    scratch demo folder there too, through TMPDIR)."""
    scratch = tmp_path_factory.mktemp("screenshots")
    shots = scratch / "shots"
    subprocess.run(
        [sys.executable, "-m", "docs.screenshots", "--to", str(shots)],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(scratch)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=300,
        check=True,
    )
    return shots


def test_each_key_screen_is_written_showing_what_it_is_for(written: Path) -> None:
    for name, words in SHOWS.items():
        shown = svg_words(written / f"{name}.svg")
        missing = [w for w in words if w not in shown]
        assert not missing, f"{name}.svg does not show {missing}: {shown[:300]}"
    private_turn = svg_words(written / "hand-over.svg")
    assert not any(words in private_turn for words in APPRECIATIONS)  # nothing shows through


def test_the_readme_links_every_picture_and_each_is_committed(written: Path) -> None:
    linked = set(LINK.findall((ROOT / "README.md").read_text(encoding="utf-8")))
    made = {f"docs/screenshots/{svg.name}" for svg in written.glob("*.svg")}
    assert linked == made, "the README should show each screenshot the script makes, once"
    assert all((ROOT / link).is_file() for link in linked)
