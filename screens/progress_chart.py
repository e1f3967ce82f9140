"""The chart of shared check-in ratings: for each measure, a row per partner, named, with a
mark per check-in (a bar as tall as the rating, and the number itself where there is room),
"·" where a rating was not shared, the latest shared rating in words, and the dates beneath.

The meaning is all in characters and words: the partner's colour only adds to their name and
marks, so the chart reads the same in monochrome or to a colour-blind eye. It fits the width
it has: at 80 columns a mark per check-in, wider cells with numbers as the window grows, and
only the latest check-ins (said in words) when there are more than fit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.style import StyleType
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from screens.plain import plain
from workbook.models import PartnerId
from workbook.progress import ChartData

BARS = "▁▂▃▄▅▆▇█"
NOT_SHARED = "·"
INDENT = 2
GAP = 2
NAME_MOST = 14
"""Cells for a name; a longer one is cut with "…"."""
CELL_MOST = 5
NUMBERS_FROM = 4
"""A cell this wide shows the rating as a number beside its bar."""
DATE_WIDTH = len("2026-01-01")
MIN_WIDTH = 80
TALL_FROM = Size(100, 40)
"""A chart this wide, in a window this tall, draws bars ``TALL_ROWS`` rows tall."""
TALL_ROWS = 3

Say = Callable[..., str]


def bar(value: int, top: int, rows: int = 1) -> list[str]:
    """The bar for ``value`` on a scale of 0 to ``top``, ``rows`` tall, top row first, in
    eighths of a cell: 0 is the lowest sliver, never blank."""
    eighths = max(1, int(value * rows * len(BARS) / top + 0.5))
    fills = [min(max(eighths - (rows - 1 - r) * len(BARS), 0), len(BARS)) for r in range(rows)]
    return [BARS[f - 1] if f else " " for f in fills]


def cell(value: int | None, top: int, width: int, rows: int = 1) -> list[str]:
    """One check-in's mark, ``width`` cells wide and ``rows`` tall (the number beside the bar
    on the bottom row where it fits; "·" on the bottom row when not shared)."""
    if value is None:
        return [" " * width] * (rows - 1) + [NOT_SHARED.ljust(width)]
    number = str(value) if width >= NUMBERS_FROM else ""
    thick = 2 if rows > 1 and width >= CELL_MOST else 1
    marks = [m * thick for m in bar(value, top, rows)]
    return [m.ljust(width) for m in marks[:-1]] + [(marks[-1] + number).ljust(width)]


def axis(dates: tuple[date, ...], left: int, width: int, room: int) -> str:
    """The dates under the columns: the last and the first always, others where they fit,
    each starting under its own column, within ``room`` cells."""
    if not dates:
        return ""
    starts = [left + i * width for i in range(len(dates))]
    last = min(starts[-1], room - DATE_WIDTH)
    placed = {len(dates) - 1: last}
    end = -GAP
    for i, start in enumerate(starts[:-1]):
        if start >= end + GAP and start + DATE_WIDTH + GAP <= last:
            placed[i] = start
            end = start + DATE_WIDTH
    row = [" "] * (max(placed.values()) + DATE_WIDTH)
    for i, start in placed.items():
        row[start : start + DATE_WIDTH] = dates[i].isoformat()
    return "".join(row).rstrip()


def draw(
    data: ChartData,
    width: int,
    say: Say,
    paints: Mapping[PartnerId, str],
    rows: int = 1,
    quiet: StyleType = "",
) -> Text:
    """The whole chart for a window ``width`` cells wide, each partner's bars ``rows`` tall
    (their name, numbers and latest rating on the bottom row), the dates and the sentence
    under them in ``quiet``."""
    if not data.dates:
        return plain(say("progress.no_check_ins"), "italic")
    names = {line.partner: line.name for line in data.measures[0].lines}
    name_width = min(max(cell_len(n) for n in names.values()), NAME_MOST)
    latest = {
        (m.measure, line.partner): (
            say("progress.none_shared")
            if line.latest is None
            else say("progress.latest", value=str(line.latest))
        )
        for m in data.measures
        for line in m.lines
    }
    latest_width = max(cell_len(words) for words in latest.values())
    left = INDENT + name_width + GAP
    room = max(width - left - GAP - latest_width, 1)
    count = len(data.dates)
    shown = min(count, room)
    cell_width = max(1, min(room // shown, CELL_MOST))
    blank_name = " " * name_width
    out = Text()
    for measure in data.measures:
        if rows > 1 and measure is not data.measures[0]:
            out.append("\n")
        out.append(plain(measure.label, "bold"))
        out.append("\n")
        for line in measure.lines:
            if rows > 1 and line is not measure.lines[0]:
                out.append("\n")
            paint = paints.get(line.partner, "")
            cells = [cell(v, data.top, cell_width, rows) for v in line.values[-shown:]]
            for r in range(rows):
                bottom = r == rows - 1
                name = set_cell_size(_fit(line.name), name_width) if bottom else blank_name
                out.append(" " * INDENT)
                out.append(plain(name, f"bold {paint}"))
                out.append(" " * GAP)
                out.append("".join(c[r] for c in cells), paint)
                if bottom:
                    out.append(" " * GAP)
                    out.append(plain(latest[(measure.measure, line.partner)]))
                out.append("\n")
    out.append(axis(data.dates[-shown:], left, cell_width, width), quiet)
    if shown < count:
        out.append("\n")
        out.append(plain(say("progress.showing", shown=str(shown), count=str(count)), quiet))
    return out


def _fit(name: str) -> str:
    """A name cut to the name column, with "…" if it was longer."""
    if cell_len(name) <= NAME_MOST:
        return name
    return set_cell_size(name, NAME_MOST - 1) + "…"


class ProgressChart(Widget):
    """The chart, drawn anew for the width it has whenever the window changes size, and for
    the theme in force (the dates are quiet: a component style, in the theme's muted colour)."""

    COMPONENT_CLASSES = {"progress-chart--quiet"}

    DEFAULT_CSS = """
    ProgressChart {
        height: auto;
        margin: 1 0 0 0;
    }
    ProgressChart > .progress-chart--quiet {
        color: $text-muted;
    }
    """

    def __init__(
        self, data: ChartData, say: Say, paints: Mapping[PartnerId, str], id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.data = data
        self.say = say
        self.paints = paints

    def rows(self, width: int) -> int:
        """How tall each partner's bars are: taller in a large window."""
        big = width >= TALL_FROM.width and self.app.size.height >= TALL_FROM.height
        return TALL_ROWS if big else 1

    def render(self) -> Text:
        return self._drawn(self.size.width or MIN_WIDTH)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the chart takes at ``width`` (the sentence under it may wrap)."""
        return len(self._drawn(width).wrap(self.app.console, width))

    def _drawn(self, width: int) -> Text:
        quiet = self.get_component_rich_style("progress-chart--quiet", partial=True)
        return draw(self.data, width, self.say, self.paints, self.rows(width), quiet)
