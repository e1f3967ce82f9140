"""The few kinds of trouble the core reports, each carrying a message fit to show a person."""


class WorkbookError(Exception):
    """Base for every error the core raises on purpose."""


class ContentError(WorkbookError):
    """A content file is malformed: the message names file, exercise, step and field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class DataFolderError(WorkbookError):
    """The data folder cannot be used (not a workbook, unreadable, damaged)."""


class AlreadyOpenError(WorkbookError):
    """Another copy of the app holds the workbook's lock."""


class NotStartable(ValueError):
    """An exercise that cannot be started here yet (a ``sensitive`` one needs consent), or a
    session about an agreement that cannot have one now (retired, or one already open)."""
