"""Every path the app uses, from one place: --data, then WORKBOOK_DATA, then the platform's."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DATA = "WORKBOOK_DATA"
APP_NAME = "trust-workbook"


def data_folder(given: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the one given, else ``$WORKBOOK_DATA``, else the user data folder."""
    if given:
        return Path(given).expanduser()
    from_env = os.environ.get(ENV_DATA)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
