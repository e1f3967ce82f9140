"""The computer's time zone, fixed for a test, so times the couple reads ("09:20") are stable."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator


@contextlib.contextmanager
def local_zone(zone: str) -> Iterator[None]:
    """Run with ``TZ`` set to ``zone`` (a POSIX zone such as "UTC" or "EST+5"), then restore."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
