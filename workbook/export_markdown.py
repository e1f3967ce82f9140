"""The export written out: Markdown a therapist can read, or JSON; and the file, written 0600.

Every sentence comes from ``texts.toml`` ([export]). Anything a partner wrote (names, titles,
answers, notes) goes through ``inline`` or ``quoted``: control characters are shown as symbols
(``visible``) and every character Markdown could read as markup is escaped, so a partner's
words always read as words and never change the document around them.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from workbook.clock import local_day
from workbook.content import Library
from workbook.export import ExportDocument, ExportFormat, HistoryOut, names_of
from workbook.storage import FOLDER_MODE, write_atomically
from workbook.wording import visible

EXPORTS_FOLDER = "exports"
SUFFIXES: dict[ExportFormat, str] = {"markdown": ".md", "json": ".json"}

#: Characters that start markup anywhere in a line.
_ANYWHERE = re.compile(r"([\\`*_\[\]<>|~&#!])")
#: What starts a block at the start of a line: a list, a setext underline, a numbered list.
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def inline(text: str) -> str:
    """``text`` safe inside a line of Markdown: one line, nothing read as markup."""
    return _escape(" ".join(visible(text).split()))


def _escape(line: str) -> str:
    """A line with every markup character escaped, and any block marker at its start."""
    escaped = _ANYWHERE.sub(r"\\\1", line)
    return _LINE_START.sub(_block_marker, escaped)


def _block_marker(found: re.Match[str]) -> str:
    if found.group(1):
        return "\\" + found.group(1)
    return f"{found.group(2)}\\{found.group(3)}"


def quoted(text: str) -> str:
    """``text`` as a block quote that keeps its lines; leading spaces become no-break spaces,
    so an indented line is never read as code."""
    lines = []
    for line in visible(text).splitlines() or [""]:
        body = line.lstrip(" \t")
        lead = "\u00a0" * (len(line) - len(body))
        lines.append("> " + lead + _escape(body.rstrip()))
    return "\\\n".join(lines)


def export_text(document: ExportDocument, fmt: ExportFormat, library: Library) -> str:
    """The export as the file's text."""
    if fmt == "json":
        return document.model_dump_json(indent=2) + "\n"
    return markdown(document, library)


def markdown(doc: ExportDocument, library: Library) -> str:
    """The summary (and any transcripts) as Markdown: headings, dates and names, no ids."""
    say = library.say
    written = local_day(doc.written_at).isoformat()
    out = [
        f"# {say('export.title')}",
        f"**{inline(doc.notice)}**",
        inline(say("export.written", date=written, names=names_of(library, doc.partners))),
        *_moments(doc, library),
        f"## {say('export.dates')}",
        say("export.range", since=doc.since.isoformat(), until=doc.until.isoformat()),
        f"## {say('export.exercises')}",
        "\n".join(
            "- " + inline(say("export.dated", date=d.on.isoformat(), what=d.exercise))
            for d in doc.exercises_done
        )
        or inline(say("export.no_exercises")),
        *_agreements(doc, library),
        f"## {say('export.time_outs')}",
        inline(say("export.time_out_count", count=str(doc.time_outs))),
        *_check_ins(doc, library),
        *_transcripts(doc, library),
    ]
    return "\n\n".join(out) + "\n"


def _moments(doc: ExportDocument, library: Library) -> list[str]:
    """Each partner's moment, by name; if neither noted one, said once, plainly."""
    say = library.say
    out = [f"## {say('export.moments')}"]
    if all(m.text is None for m in doc.moments):
        return [*out, inline(say("export.no_moments"))]
    for moment in doc.moments:
        out.append(f"### {inline(moment.partner)}")
        if moment.text is None or moment.noted_on is None:
            out.append(inline(say("export.moment_not_noted", actor=moment.partner)))
        else:
            out.append(quoted(moment.text))
            out.append(inline(say("export.noted_on", date=moment.noted_on.isoformat())))
    return out


def _check_ins(doc: ExportDocument, library: Library) -> list[str]:
    """How many check-ins, then each partner's shared ratings of each measure in order."""
    say = library.say
    out = [f"## {say('export_check_ins.heading')}"]
    out.append(inline(say("export_check_ins.count", count=str(doc.check_ins))))
    for partner in doc.partners:
        out.append(f"### {inline(partner)}")
        lines = []
        for found in (t for t in doc.trends if t.partner == partner):
            ratings = ", ".join(
                say("export_check_ins.rating", value=str(r.value), date=r.on.isoformat())
                for r in found.ratings
            )
            lines.append(
                say(
                    "export_check_ins.line",
                    measure=found.measure,
                    ratings=ratings,
                    trend=say(f"export_check_ins.{found.trend}"),
                )
                if ratings
                else say("export_check_ins.none", measure=found.measure)
            )
        out.append("\n".join(f"- {inline(line)}" for line in lines))
    return out


def _agreements(doc: ExportDocument, library: Library) -> list[str]:
    """Every agreement with whether it is in force and its history; then the reviews."""
    say = library.say
    out = [f"## {say('export.agreements')}"]
    if not doc.agreements:
        out.append(inline(say("export.no_agreements")))
    for agreement in doc.agreements:
        made = agreement.made_on.isoformat()
        facts = [say("export.facts", category=agreement.category, date=made)]
        if agreement.review_on is not None:
            facts.append(say("export.review_on", date=agreement.review_on.isoformat()))
        if agreement.ends_on is not None:
            facts.append(say("export.ends_on", date=agreement.ends_on.isoformat()))
        out += [
            f"### {inline(agreement.title)}",
            f"**{inline(say(f'export.status_{agreement.status}'))}**",
            quoted(agreement.text),
            inline(" ".join(facts)),
            f"#### {say('export.history')}",
            *(_history(entry, library) for entry in agreement.history),
        ]
    out.append(f"## {say('export.reviews')}")
    if not doc.reviews:
        out.append(inline(say("export.no_reviews")))
    for review in doc.reviews:
        out += [f"### {inline(review.agreement)}", _history(review.review, library)]
    return out


def _history(entry: HistoryOut, library: Library) -> str:
    """One change in an agreement's life: a dated line, then what was written or said."""
    say = library.say
    what = say(f"export.{entry.what}", names=names_of(library, entry.by))
    parts = [f"**{inline(say('export.dated', date=entry.on.isoformat(), what=what))}**"]
    if entry.text is not None:
        parts.append(quoted(entry.text))
    if entry.note is not None:
        parts += [inline(say("export.note")), quoted(entry.note)]
    for name, rating in entry.ratings.items():
        words = say(f"agreement.rating_{rating}")
        parts.append(inline(say("export.rating", actor=name, rating=words)))
    for name, note in entry.notes.items():
        parts += [inline(say("export.their_note", actor=name)), quoted(note)]
    if entry.review_on is not None:
        parts.append(inline(say("export.next_review", date=entry.review_on.isoformat())))
    return "\n\n".join(parts)


def _transcripts(doc: ExportDocument, library: Library) -> list[str]:
    """Who said what, session by session, when transcripts were asked for."""
    if doc.transcripts is None:
        return []
    say = library.say
    out = [f"## {say('export.transcripts')}", inline(say("export.transcripts_about"))]
    if not doc.transcripts:
        out.append(inline(say("export.no_transcripts")))
    for transcript in doc.transcripts:
        began = transcript.started_on.isoformat()
        out += [
            f"### {inline(say('export.dated', date=began, what=transcript.exercise))}",
            f"_{inline(say(f'export.session_{transcript.status}'))}_",
        ]
        for line in transcript.lines:
            who = line.author if line.author is not None else say("export.both")
            out += [f"**{inline(who)}** · _{inline(line.prompt)}_", quoted(line.words)]
    return out


def default_path(folder: Path, fmt: ExportFormat, today: str) -> Path:
    """Where the app suggests writing an export: the data folder's ``exports/``, dated."""
    return folder / EXPORTS_FOLDER / f"trust-workbook-{today}{SUFFIXES[fmt]}"


def write_file(path: Path, text: str, folder: Path | None) -> None:
    """Write the export atomically and readable by its owner only (0600). The data folder's
    ``exports/`` is made (0700) if it is the one asked for; any other folder must exist."""
    if folder is not None and path.parent == folder / EXPORTS_FOLDER:
        with contextlib.suppress(FileExistsError):
            os.mkdir(path.parent, FOLDER_MODE)
    write_atomically(path, text.encode())
