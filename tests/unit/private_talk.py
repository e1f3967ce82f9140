"""Private talk: one small valid exercise with private steps (``GOOD``) that the cases in
``test_content_privacy.py`` and ``test_content_forms.py`` make a single mutation to.
"""

from __future__ import annotations

SOURCE = "case.toml"

#: A sound exercise using every kind of private step: a ``together`` text, a ``never`` note for
#: one role, a private choice that does not branch (and shows each partner their own note), a
#: menu, then an agreement made only from shared answers.
GOOD = """\
id = "private-talk"
title = "Private talk"
part = 3
minutes = 15
ready = "A quiet place where each of you can write alone."
purpose = "Each of you writes alone first; then you see both answers together."
closing = "Thank you both."

[[roles]]
id = "first"
title = "the partner who goes first"
meanwhile = "wait a moment."

[[roles]]
id = "second"
title = "the partner who goes second"
meanwhile = "wait a moment."

[[steps]]
id = "hope"
actor = "each"
kind = "text"
private = true
prompt = "{actor}, in private: what do you hope for?"
next = "note"
on_pass = "note"

[[steps]]
id = "note"
actor = "first"
kind = "text"
private = true
reveal = "never"
prompt = "{first}, a note only you will ever see."
next = "feel"
on_pass = "feel"

[[steps]]
id = "feel"
actor = "each"
kind = "choice"
private = true
prompt = "{actor}, in private: how do you feel about it?"
next = "ideas"
on_pass = "ideas"

  [[steps.show]]
  label = "Your note"
  steps = ["note"]
  whose = "actor"

  [[steps.choices]]
  id = "calm"
  label = "Calm"

  [[steps.choices]]
  id = "unsure"
  label = "Unsure"

[[steps]]
id = "ideas"
actor = "each"
kind = "menu"
prompt = "{actor}, mark each idea yes, maybe or no."
items = ["A walk", "A meal"]
next = "reply"
on_pass = "reply"

[[steps]]
id = "reply"
actor = "second"
kind = "text"
prompt = "{second}, say what you heard in {first}'s hope."
next = "wording"
on_pass = "end"

  [[steps.show]]
  label = "Your hopes"
  steps = ["hope"]
  which = "all"

[[steps]]
id = "wording"
actor = "first"
kind = "text"
prompt = "{first}, write one thing you will both do."
next = "area"
on_pass = "end"

[[steps]]
id = "area"
actor = "first"
kind = "choice"
choices_from = "categories"
prompt = "{first}, which area is this about?"
next = "when"
on_pass = "end"

[[steps]]
id = "when"
actor = "first"
kind = "date"
prompt = "{first}, when will you look at it again?"
next = "agree"
on_pass = "end"

[[steps]]
id = "agree"
actor = "both"
kind = "agreement"
prompt = "{actor}, do you agree?"
next = "end"
on_pass = "end"

  [steps.agreement]
  text = ["wording"]
  category = "area"
  review_on = "when"
"""


def mutate(old: str, new: str, text: str = GOOD) -> str:
    """``text`` with the one place ``old`` stands replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def add(step_id: str, line: str, text: str = GOOD) -> str:
    """``text`` with ``line`` added among the keys of step ``step_id``."""
    return mutate(f'\nid = "{step_id}"\n', f'\nid = "{step_id}"\n{line}\n', text)
