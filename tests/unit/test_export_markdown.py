"""The Markdown export stays readable whatever the couple wrote: markup in an answer, a name, an
agreement or a moment reads as words and never changes the document around it (no heading,
list, link, code, HTML or emphasis appears that the export did not make itself), lines are
kept, and control characters are shown as symbols, never written as they are."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.local_zone import local_zone
from tests.unit.own_words import play
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.export_markdown import inline, quoted

HOSTILE = (
    "# Heading\n"
    "- a list\n"
    "1. numbered\n"
    "> a quote\n"
    "    indented like code\n"
    "**bold** _em_ `code` [link](http://example.com) ![img](x.png) <b>html</b> &amp;\n"
    "| a | b |\n"
    "|---|---|\n"
    "---\n"
    "===\n"
    "```\n"
    "\x1b[31mred\x07 \u202eRTL 🙂 ends with a backslash \\"
)
HOSTILE_NAME = "Sam *[x](y)* <i>"
#: What only the export itself may make: these must come out the same with or without
#: hostile text.
STRUCTURE = {
    "heading_open",
    "bullet_list_open",
    "ordered_list_open",
    "blockquote_open",
    "code_block",
    "fence",
    "html_block",
    "html_inline",
    "link_open",
    "image",
    "strong_open",
    "em_open",
    "code_inline",
    "hr",
    "table_open",
    "s_open",
}
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    with local_zone("UTC"):
        yield


def tokens(markdown: str) -> Iterator[Token]:
    for token in PARSER.parse(markdown):
        yield token
        yield from token.children or []


def structure(markdown: str) -> Counter[str]:
    return Counter(t.type for t in tokens(markdown) if t.type in STRUCTURE)


def words(markdown: str) -> str:
    """The document's text as a reader sees it (hard breaks as new lines)."""
    return "".join(
        "\n" if t.type in ("hardbreak", "softbreak") else t.content
        for t in tokens(markdown)
        if t.type in ("text", "hardbreak", "softbreak")
    )


def written_by(library: Library, name: str, text: str) -> str:
    """The export with transcripts of a workbook where ``text`` is everywhere a partner can
    write: a shared answer, an agreement's wording, a moment, and the second name."""
    book = Workbook.in_memory(library, ManualClock())
    book.set_partners("Alex", name)
    session = book.start("appreciations", {"first": "a", "second": "b"})
    play(
        book,
        session.id,
        [("a", "Alex wrote"), ("b", "Sam wrote"), ("a", text), ("b", text), ("a", text)],
    )
    drafting = book.start("boundary-drafting", {"proposer": "a", "responder": "b"})
    category = library.path.categories[0].id
    moves = [("a", text), ("b", "accept"), ("a", category), ("b", "2030-01-01")]
    play(book, drafting.id, [*moves, ("a", "agree"), ("b", "agree")])
    assert book.agreements()
    book.note_moment("a", text)
    return book.export("markdown", transcripts=True)


def test_hostile_text_changes_nothing_in_the_documents_shape(library: Library) -> None:
    plain = written_by(library, "Sam", "Plain words")
    hostile = written_by(library, HOSTILE_NAME, HOSTILE)
    assert structure(hostile) == structure(plain)
    assert structure(plain)["heading_open"] > 5  # the export's own headings are there


def test_hostile_text_reads_as_written_with_controls_shown_as_symbols(library: Library) -> None:
    hostile = written_by(library, HOSTILE_NAME, HOSTILE)
    assert "\x1b" not in hostile and "\x07" not in hostile
    seen = words(hostile)
    for line in HOSTILE.replace("\x1b", "\u241b").replace("\x07", "\u2407").splitlines():
        assert line.strip() in seen, line
    assert HOSTILE_NAME in seen


def test_inline_text_is_one_line_and_a_quote_keeps_its_lines() -> None:
    assert "\n" not in inline("two\nlines")
    assert words(inline("**not bold**")) == "**not bold**"
    assert words(quoted("first\n\n  second")) == "first\n\n\u00a0\u00a0second"
    assert structure(quoted("first\n    - second")) == Counter({"blockquote_open": 1})
