"""Fixtures shared by more than one module here: ``lib``, for the privacy tests
(``test_privacy.py`` and ``test_privacy_menus_and_reveals.py``)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.unit.privacy_exercises import BUILT
from workbook.content import Library


@pytest.fixture(scope="module")
def lib(library: Library) -> Library:
    """The shipped library with the exercises of ``privacy_exercises.py`` added."""
    return replace(library, exercises={**library.exercises, **BUILT})
