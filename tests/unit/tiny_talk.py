"""Tiny talk: the one small valid exercise (two roles, four steps, one choice) that every
``content check`` case in ``test_content_check.py`` and ``test_content_check_paths.py`` makes
a single mutation to, and how a refusal must read.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import Result

EXERCISE_ID = "tiny-talk"

VALID = """\
id = "tiny-talk"
title = "Tiny talk"
part = 2
minutes = 5
ready = "A few quiet minutes."
purpose = "A short exercise for {speaker} and {listener}."
closing = "Thank you both."

[[roles]]
id = "speaker"
title = "the speaker"
meanwhile = "wait a moment."

[[roles]]
id = "listener"
title = "the listener"
meanwhile = "listen closely."

[[steps]]
id = "share"
actor = "speaker"
kind = "text"
prompt = "{speaker}, share one thing on your mind."
next = "mirror"
on_pass = "end"

[[steps]]
id = "mirror"
actor = "listener"
kind = "text"
prompt = "{listener}, say back what you heard."
next = "check"
on_pass = "share"

[[steps]]
id = "check"
actor = "speaker"
kind = "choice"
prompt = "{speaker}, did {listener} get it?"
on_pass = "thanks"

  [[steps.choices]]
  id = "yes"
  label = "Yes"
  next = "thanks"

  [[steps.choices]]
  id = "not_yet"
  label = "Not yet"
  next = "mirror"

[[steps]]
id = "thanks"
actor = "each"
kind = "text"
prompt = "{actor}, thank {other} for one thing."
next = "end"
on_pass = "set_aside"
"""

#: A step nothing leads to (appended to the valid exercise).
ORPHAN = """
[[steps]]
id = "orphan"
actor = "listener"
kind = "text"
prompt = "{listener}, nobody ever gets here."
next = "end"
on_pass = "end"
"""


def mutate(old: str, new: str, text: str = VALID) -> str:
    """``text`` with the one place ``old`` stands replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def assert_refused(result: Result, file: Path, step: str | None, *phrases: str) -> None:
    """Exit 1, and the report names the file, the exercise, the step and every phrase."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    out = result.output
    assert file.name in out, out
    assert f"exercise '{EXERCISE_ID}'" in out, out
    if step is not None:
        assert f"step '{step}'" in out, out
    for phrase in phrases:
        assert phrase in out, out
