"""One exception base for everything appealkit reports to a user.

Each error carries a Chinese message that names what is wrong and, where there is
one, what to do. Exactly one place (the CLI) turns them into output and an exit code.
"""
from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    OK = 0
    NOT_READY = 1  # check: something required is missing or invalid
    USAGE = 2  # bad command line or case.toml
    SKIPPED = 3  # package built, but some inputs were skipped
    OUTPUT = 4  # the package could not be written
    INTERNAL = 5  # a bug: please report it with -v output


class AppealError(Exception):
    exit_code = ExitCode.INTERNAL

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}。{self.hint}" if self.hint else self.message


class CaseConfigError(AppealError):
    """case.toml is missing, unreadable or invalid."""

    exit_code = ExitCode.USAGE


class UsageError(AppealError):
    exit_code = ExitCode.USAGE


class OutputError(AppealError):
    exit_code = ExitCode.OUTPUT


class InputFileError(AppealError):
    """One input file (or one row of it) cannot be used; the run goes on without it."""

    exit_code = ExitCode.SKIPPED

    def __init__(self, message: str, hint: str = "", *, line: int | None = None) -> None:
        super().__init__(message, hint)
        self.line = line


class RowError(InputFileError):
    """A single row of an otherwise readable file."""


def where(path: Path | str, line: int | None = None) -> str:
    return f"{path}:{line}" if line else str(path)
