"""Two small exercises built for the privacy tests, beside the shipped ones.

``SECRETS`` has every kind of private step (a ``together`` text, a private pick, a ``never``
step, a menu), visited more than once, with a loop and a swap into a second round;
``TINY_MENU`` is the smallest exercise with a menu. ``BUILT`` holds both by id; the ``lib``
fixture (in ``conftest.py``) adds them to the shipped library.
"""

from __future__ import annotations

from workbook.content_format import Exercise

ROLES = [
    {"id": "first", "title": "the partner who starts", "meanwhile": "wait"},
    {"id": "second", "title": "the partner who goes second", "meanwhile": "wait"},
]


def exercise_of(id_: str, steps: list[dict[str, object]]) -> Exercise:
    return Exercise.model_validate(
        {
            "id": id_,
            "title": id_.title(),
            "part": 3,
            "purpose": "A test.",
            "minutes": 5,
            "ready": "Nothing.",
            "closing": "Done.",
            "roles": ROLES,
            "steps": steps,
        }
    )


#: Every kind of private step, visited more than once and in two rounds.
SECRETS = exercise_of(
    "secrets",
    [
        {
            "id": "secret",
            "kind": "text",
            "actor": "each",
            "private": True,
            "prompt": "A secret.",
            "next": "wish",
            "on_pass": "wish",
            "show": [{"label": "Your hope", "steps": ["hope"], "whose": "actor", "rounds": "all"}],
        },
        {
            "id": "wish",
            "kind": "pick",
            "actor": "each",
            "private": True,
            "prompt": "Wishes.",
            "items": ["Quiet mornings", "Long walks", "More notes"],
            "next": "hope",
            "on_pass": "hope",
        },
        {
            "id": "hope",
            "kind": "text",
            "actor": "each",
            "private": True,
            "reveal": "never",
            "prompt": "A hope for yourself.",
            "next": "menu",
            "on_pass": "menu",
        },
        {
            "id": "menu",
            "kind": "menu",
            "actor": "each",
            "prompt": "Mark each.",
            "items": ["Sunrise walk", "Cook together", "Slow dance", "Read aloud"],
            "next": "again",
            "on_pass": "again",
        },
        {
            "id": "again",
            "kind": "choice",
            "actor": "first",
            "prompt": "Again?",
            "on_pass": "turn",
            "show": [
                {"label": "Secrets", "steps": ["secret"], "which": "all", "rounds": "all"},
                {"label": "Wishes", "steps": ["wish"], "which": "all", "rounds": "all"},
                {"label": "Both said yes", "steps": ["menu"], "which": "all", "rounds": "all"},
            ],
            "choices": [
                {"id": "swap", "label": "Swap", "next": "turn"},
                {"id": "more", "label": "Once more", "next": "secret"},
            ],
        },
        {"id": "turn", "kind": "swap", "prompt": "Swap.", "next": "secret", "then": "close"},
        {
            "id": "close",
            "kind": "text",
            "actor": "each",
            "prompt": "Last words.",
            "next": "end",
            "on_pass": "end",
            "show": [{"label": "Secrets", "steps": ["secret"], "which": "all", "rounds": "all"}],
        },
    ],
)

#: The smallest exercise with a menu: not sensitive, so it starts without consent.
TINY_MENU = exercise_of(
    "tiny-menu",
    [
        {
            "id": "menu",
            "kind": "menu",
            "actor": "each",
            "prompt": "Mark each.",
            "items": ["Sunrise walk", "Cook together", "Slow dance", "Read aloud"],
            "next": "talk",
            "on_pass": "talk",
        },
        {
            "id": "talk",
            "kind": "text",
            "actor": "first",
            "prompt": "Talk.",
            "next": "end",
            "on_pass": "end",
            "show": [{"label": "Both said yes", "steps": ["menu"]}],
        },
    ],
)

BUILT = {e.id: e for e in (SECRETS, TINY_MENU)}
