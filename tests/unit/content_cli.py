"""Running ``workbook content check`` on files written for the test, for the content tests
(``test_content_check*.py``, ``test_content_privacy.py`` and ``test_content_forms.py``)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from workbook.cli import main


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def check(*args: str) -> Result:
    result = CliRunner().invoke(main, ["content", "check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result
