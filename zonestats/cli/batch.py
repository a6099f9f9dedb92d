"""extract over several reports: a draft each in a folder, or one table of every candidate."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from zonestats.cli.app import note, protected
from zonestats.cli.options import output_options
from zonestats.errors import ExitCode, ZonestatsError
from zonestats.output.options import Format, Headers, Lang, OutputOptions, Units
from zonestats.output.views import candidate_table
from zonestats.output.writers import LINE_FORMATS, render, render_parts

if TYPE_CHECKING:
    from zonestats.extract.batch import Outcome
    from zonestats.extract.figures import Candidate

OutputChoice = tuple[Format | None, bool, bool, Path | None, Lang, Units, bool, int | None, Headers]
"""The output options of extract as given: format, --csv, --json, -o, --lang, --units,
--bom, --limit, --headers."""

MAX_NOTES = 20
"""Notes of a batch (runs skipped, lists not read) printed one by one; the rest are counted."""


def extract_reports(
    paths: list[Path], day: date | None, jobs: int | None, to_folder: bool, choice: OutputChoice
) -> None:
    """Extract every report: drafts into a folder, or one table of candidates; a report that
    fails is named on stderr and the others go on (exit 1 at the end)."""
    from zonestats.extract.batch import Job, extract_many

    format, as_csv, as_json, output, *_ = choice
    if not to_folder and output is not None and output.suffix.lower() in (".yaml", ".yml"):
        raise ZonestatsError(
            f"{output}: a draft is one report's; give -o FOLDER/ for a draft of each of the "
            f"{len(paths)} reports"
        )
    wants_table = format is not None or as_csv or as_json or (output is not None and not to_folder)
    if not to_folder and not wants_table:
        raise ZonestatsError(
            f"{len(paths)} reports: give -o FOLDER/ for a draft each, or --csv, --json or "
            "-o FILE for one table of their candidates"
        )
    if to_folder and output is not None:
        _folder(output)
    options = _table_options(choice, paths) if wants_table else None
    lines = options is not None and options.format in LINE_FORMATS and options.limit is None
    job = Job(day, drafts=to_folder, lines=options.format if lines and options else None)
    batch = _Batch(paths, output if to_folder else None)
    outcomes = extract_many(paths, job, jobs)
    with _counting(len(paths)) as advance:
        if lines and options is not None:  # each worker writes its rows: streamed in order
            parts = (part for outcome in outcomes for part in batch.part(outcome, advance))
            render_parts(candidate_table([], []), parts, options)
        else:
            for outcome in outcomes:
                batch.take(outcome)
                advance()
            if options is not None:
                render(candidate_table(batch.candidates, batch.files), options)
    batch.close()
    if batch.failed:
        raise typer.Exit(ExitCode.ERROR)


class _Batch:
    """What the outcomes come to: drafts written, candidates gathered, notes and failures
    said on stderr."""

    def __init__(self, paths: list[Path], folder: Path | None) -> None:
        from zonestats.extract.batch import draft_names

        self.paths = paths
        self.folder = folder
        self.names = draft_names(paths) if folder is not None else {}
        self.by_name = {str(p): p for p in paths}
        self.candidates: list[Candidate] = []
        self.files: list[str] = []
        self.failed = 0
        self.figures = 0
        self.notes = 0

    def part(self, outcome: Outcome, advance: Callable[[], None]) -> Iterator[str]:
        """The rows a worker wrote for a report (none if it failed), once it is taken."""
        self.take(outcome)
        advance()
        if outcome.error is None and outcome.text:
            yield outcome.text

    def take(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.failed += 1
            note(f"error: {outcome.error}")
            return
        self.figures += outcome.count
        for message in outcome.notes:
            self.notes += 1
            if self.notes <= MAX_NOTES:
                note(f"note: {message}")
        if self.folder is not None and outcome.draft is not None:
            self._write(outcome.path, outcome.draft)
        else:
            self.candidates.extend(outcome.candidates)
            self.files.extend([outcome.path] * len(outcome.candidates))

    def _write(self, path: str, text: str) -> None:
        from zonestats.output.files import write_output

        assert self.folder is not None
        target = self.folder / self.names[self.by_name[path]]
        write_output(target, lambda out: out.writelines([text]), protected=protected(self.paths))

    def close(self) -> None:
        if self.notes > MAX_NOTES:
            note(f"note: {self.notes - MAX_NOTES:,} more notes")
        done = len(self.paths) - self.failed
        where = f" into {self.folder}" if self.folder is not None else ""
        message = (
            f"{self.figures:,} figures found in {done:,} of {len(self.paths):,} reports{where}"
        )
        if self.failed:
            message += f"; {self.failed:,} failed"
        note(message)


def _folder(output: Path) -> None:
    """The folder drafts go to, made if need be."""
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ZonestatsError(f"{output}: cannot make the folder: {error.strerror}") from None


def _table_options(choice: OutputChoice, paths: list[Path]) -> OutputOptions:
    format, as_csv, as_json, output, lang, units, bom, limit, headers = choice
    return output_options(
        format, as_csv, as_json, output, lang, units, bom, limit, headers, protected(paths)
    )


def _counting(total: int) -> AbstractContextManager[Callable[[], None]]:
    from zonestats.output.env import Environment
    from zonestats.output.progress import counting

    return counting("extracting", total, Environment.from_system().stderr_isatty)
