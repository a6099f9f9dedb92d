"""Extraction over many reports, on every core.

Each report is read, scanned and (for drafts) written out as YAML text in a worker process;
the results come back in the order the reports were given. A report that fails (not text, no
date, unreadable) comes back with its error, and the others go on.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from zonestats.errors import ZonestatsError
from zonestats.io.inputs import Kind, resolve

if TYPE_CHECKING:
    from zonestats.extract.figures import Candidate
    from zonestats.output.options import Format

REPORT_SUFFIXES = (".txt", ".text", ".md")
"""The files a folder of reports is read for; a file named on its own is read whatever its
name."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one report gave: its draft's YAML text or its candidates, the number of
    figures, notes for stderr, or the error that stopped it."""

    path: str
    count: int = 0
    draft: str | None = None
    candidates: list[Candidate] = field(default_factory=list)
    text: str = ""  # the candidates' rows in the job's line format
    notes: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Job:
    """What every report of a batch is read with."""

    published: date | None = None
    drafts: bool = False  # YAML drafts, else the candidates
    lines: Format | None = None  # the candidates' rows written in this line format


REPORTS = Kind(
    lambda path: path.suffix.lower() in REPORT_SUFFIXES,
    f"no report in this folder ({', '.join(REPORT_SUFFIXES)})",
)


def report_paths(specs: Sequence[str]) -> list[Path]:
    """The reports that files, folders (their .txt and .md files, subfolders too) and globs
    name, each once."""
    return resolve(list(specs), REPORTS)


def jobs_wanted(jobs: int | None, reports: int) -> int:
    """Worker processes for a batch: as asked, else one a core; never more than reports."""
    if jobs is not None and jobs < 1:
        raise ZonestatsError(f"--jobs: {jobs} is not a number of processes (1 or more)")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(jobs or cores or 1, reports))


def extract_many(paths: Sequence[Path], job: Job, jobs: int | None = None) -> Iterator[Outcome]:
    """Each report's outcome, in the order given, worked out by `jobs` processes (one a
    core by default; 1 works in this process)."""
    workers = jobs_wanted(jobs, len(paths))
    names = [str(p) for p in paths]
    if workers == 1:
        for name in names:
            yield extract_one(name, job)
        return
    context = multiprocessing.get_context(_start_method())
    chunk = max(1, min(16, len(names) // (workers * 8)))
    with context.Pool(workers) as pool:
        yield from pool.imap(_Worker(job), names, chunksize=chunk)


def _start_method() -> str:
    """How workers start: forked (at once) from a process of one thread; else from a
    fresh server process (a fork copies the locks other threads hold, as a table reader's
    or an allocator's, and can wait for ever), or spawned where there is no fork."""
    if os.name != "posix":
        return "spawn"
    try:
        threads = len(os.listdir("/proc/self/task"))  # native threads too
    except OSError:
        threads = threading.active_count()
    return "fork" if threads == 1 else "forkserver"


class _Worker:
    """extract_one with the batch's job, picklable for a pool."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def __call__(self, path: str) -> Outcome:
        return extract_one(path, self.job)


def extract_one(path: str, job: Job) -> Outcome:
    """One report's outcome; its error, if it fails, in one line."""
    from zonestats.extract.draft import draft
    from zonestats.extract.draft_text import draft_yaml
    from zonestats.extract.figures import extract
    from zonestats.extract.report import parse_report, read_report
    from zonestats.output.views import candidate_table
    from zonestats.output.writers import body_text

    try:
        report = parse_report(read_report(Path(path)), job.published, path)
        candidates = extract(report)
        notes = [f"{path}: {run.describe()}" for run in candidates.skipped]
        notes += [f"{path}: {note.describe()}" for note in candidates.notes]
        if job.drafts:
            text = draft_yaml(draft(report, candidates))
            return Outcome(path, len(candidates), draft=text, notes=notes)
        if job.lines is not None:
            rows = body_text(candidate_table(candidates, [path] * len(candidates)), job.lines)
            return Outcome(path, len(candidates), text=rows, notes=notes)
        return Outcome(path, len(candidates), candidates=list(candidates), notes=notes)
    except ZonestatsError as error:
        return Outcome(
            path, error=str(error) if str(error).startswith(path) else f"{path}: {error}"
        )
    except Exception as error:  # a bug must not stop the batch: the report is named
        return Outcome(path, error=f"{path}: internal error: {type(error).__name__}: {error}")


def draft_names(paths: Sequence[Path]) -> dict[Path, str]:
    """A draft's file name for each report: its stem, or where two reports share a stem,
    its path from the folder the reports share with / as __ (2021/a.txt: 2021__a.yaml)."""
    stems = [p.stem for p in paths]
    if len(set(stems)) == len(stems):
        return {p: f"{p.stem}.yaml" for p in paths}
    absolute = [p.resolve() for p in paths]
    root = Path(os.path.commonpath([str(p.parent) for p in absolute]))
    return {
        p: "__".join(a.relative_to(root).with_suffix("").parts) + ".yaml"
        for p, a in zip(paths, absolute, strict=True)
    }
