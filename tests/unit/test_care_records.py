"""What the safety features keep on disk, and what they never keep: the first-run check leaves
one flag; the couple's own resources are kept cleaned of control characters; a workbook from
before the check existed asks for it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.store_files import new_book, open_book
from workbook.clock import ManualClock


def test_the_first_run_check_leaves_only_a_flag(tmp_path: Path) -> None:
    clock = ManualClock()
    book = new_book(tmp_path, clock)
    assert book.safety_check_needed()
    before = json.loads((tmp_path / "workbook.json").read_text())
    book.safety_check_done()
    book.safety_check_done()  # a second call changes nothing
    after = json.loads((tmp_path / "workbook.json").read_text())
    assert not book.safety_check_needed()
    [meta_before] = before["meta"].values()
    [meta_after] = after["meta"].values()
    assert meta_after == {**meta_before, "safety_checked": True}
    assert {k: v for k, v in after.items() if k != "meta"} == {
        k: v for k, v in before.items() if k != "meta"
    }
    book.close()
    reopened = open_book(tmp_path, clock)
    assert not reopened.safety_check_needed()
    reopened.close()


def test_a_workbook_from_before_the_check_asks_for_it(tmp_path: Path) -> None:
    """A meta record written without the flag (an older workbook) loads as "not checked"."""
    clock = ManualClock()
    new_book(tmp_path, clock).close()
    file = tmp_path / "workbook.json"
    data = json.loads(file.read_text())
    for meta in data["meta"].values():
        meta.pop("safety_checked")
    file.write_text(json.dumps(data))
    book = open_book(tmp_path, clock)
    assert book.safety_check_needed()
    book.close()


def test_own_resources_are_kept_in_order_cleaned_and_removable(tmp_path: Path) -> None:
    clock = ManualClock()
    book = new_book(tmp_path, clock)
    first = book.add_own_resource("  Dr\x1b[31m Lee ", "call\n 555 0100", "[bold]Tuesdays[/]")
    clock.advance(60)
    second = book.add_own_resource("My sister", "", "")
    book.close()
    book = open_book(tmp_path, clock)
    kept = book.own_resources()
    assert [r.id for r in kept] == [first.id, second.id]
    assert (kept[0].name, kept[0].contact, kept[0].note) == (
        "Dr[31m Lee",
        "call 555 0100",
        "[bold]Tuesdays[/]",  # markup is the person's words, kept as typed
    )
    book.remove_own_resource(first.id)
    assert [r.id for r in book.own_resources()] == [second.id]
    book.close()
