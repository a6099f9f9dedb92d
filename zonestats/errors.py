"""The one exception type zonestats raises, the problems it carries, and exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, the same for every command."""

    OK = 0
    ERROR = 1  # bad input, invalid data, a failed check
    USAGE = 2  # wrong options or arguments (Click's own code)
    INTERRUPTED = 130


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, and where: a file, and a line and column when known."""

    path: str
    message: str
    line: int | None = None
    col: int | None = None

    def short(self) -> str:
        """'path:line: message', without the column (for checks that work line by line)."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.message}"


class ZonestatsError(Exception):
    """An error a user can act on. Its text is one line; ``problems`` lists every finding."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems

    @classmethod
    def at(cls, problem: Problem) -> ZonestatsError:
        """An error about one place in one file."""
        return cls(str(problem), (problem,))


class DataError(ZonestatsError):
    """A dataset that cannot be read or does not follow the schema."""

    @classmethod
    def from_problems(cls, problems: list[Problem]) -> DataError:
        count = len(problems)
        first = str(problems[0])
        summary = first if count == 1 else f"{first} (and {count - 1} more problems)"
        return cls(summary, tuple(problems))
