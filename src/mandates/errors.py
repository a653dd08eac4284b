"""Errors a user can act on: one line naming the file and the problem."""

from __future__ import annotations

from pathlib import Path


class MandatesError(Exception):
    """Base of errors reported to the user without a traceback."""

    exit_code = 2


class InputError(MandatesError):
    """A source file that cannot be read as a plan."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ValidationFailed(MandatesError):
    """The built graph breaks the SHACL shapes."""

    exit_code = 1


class NotFound(MandatesError):
    """A lookup found nothing."""

    exit_code = 1
