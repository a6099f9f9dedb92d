"""Find and read every input (YAML datasets, long tables, folders of them, globs) into one
checked Dataset, with every problem of every file."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zonestats.errors import DataError, Problem
from zonestats.io.compressed import is_compressed, table_suffix
from zonestats.io.contents import Contents
from zonestats.io.kinds import PACKED, TABLES, is_long_table, kind_of
from zonestats.model.dataset import Dataset
from zonestats.model.definitions import fill_definitions
from zonestats.model.merge import (
    ZONE_COLUMNS,
    apply_zones,
    check_definitions,
    merge,
    resolve_zones,
)
from zonestats.model.table import ObservationTable

if TYPE_CHECKING:
    import pandas as pd

    from zonestats.io.engine.needed import Needs

BUNDLED_NAME = "article.yaml"
BUNDLED: dict[str, str] = {"jingzhou": BUNDLED_NAME, "national": "national.yaml"}
"""The datasets shipped with zonestats, by the name --data takes: the 荆州 report (the
default) and the national evaluation's published places."""
YAML_SUFFIXES = (".yaml", ".yml", ".json")
KINDS = ", ".join((*YAML_SUFFIXES, *TABLES)) + "; a table compressed: .csv.gz and so on"
"""The inputs zonestats reads, by extension, as messages list them."""
NOT_FATAL = frozenset({"conflicting-values"})
"""Problems that `validate` reports but that leave a dataset usable: analysis settles a
conflict by the later-published source, and says so."""

Spec = str | Path
STDIN = "-"
"""The input named `-`: the standard input."""


def bundled_path(name: str = "jingzhou") -> Path:
    """A dataset shipped with zonestats (data/<file> of the source tree), by its name."""
    file = BUNDLED[name]
    here = Path(__file__).resolve().parents[1]  # the zonestats package
    packaged = here / "data" / file  # installed: the wheel puts it in the package
    if packaged.is_file():
        return packaged
    # Running from a source checkout: the datasets live at the top of the repository.
    return here.parent / "data" / file


def is_input(path: Path) -> bool:
    """Whether a file in a folder is one zonestats reads: a dataset or a long table (one
    compressed with gzip, too)."""
    if path.suffix.lower() in YAML_SUFFIXES:
        return True
    return table_suffix(path) in (*TABLES, *YAML_SUFFIXES)  # a dataset compressed: said


@dataclass(frozen=True, slots=True)
class Kind:
    """What a folder is read for: which files, and how to say that it holds none."""

    accepts: Callable[[Path], bool]
    none: str


DATA = Kind(is_input, f"no dataset or table in this folder ({KINDS})")


def resolve(specs: Sequence[Spec] | None, kind: Kind = DATA) -> list[Path]:
    """The files the --data inputs name (the bundled dataset when none): a file, every
    dataset in a folder (its subfolders too, hidden ones left out), or every match of a
    glob; each file once, however often or by whichever path it is named. Another `kind`
    reads folders for other files (reports), and knows no bundled names."""
    if not specs:
        return [bundled_path()]
    found: list[Path] = []
    for spec in specs:
        named = isinstance(spec, str) and kind is DATA
        found.extend(_expand(str(spec), named, kind))
    seen: set[object] = set()
    unique = []
    for path in found:
        try:
            stat = path.stat()
            identity: object = (stat.st_dev, stat.st_ino)
        except OSError:
            identity = str(path)
        if identity not in seen:
            seen.add(identity)
            unique.append(path)
    return unique


def _expand(spec: str, named: bool = True, kind: Kind = DATA) -> list[Path]:
    import glob

    if not spec.strip():
        raise DataError.at(Problem(repr(spec), "file-not-found", "an empty path names no input"))
    if named and spec in BUNDLED:  # a bundled dataset's name; a file of that name is ./name
        return [bundled_path(spec)]
    if spec == STDIN:  # what is piped in, told by what it holds
        return [Path("/dev/stdin")]
    if "\0" in spec:
        raise DataError.at(Problem(repr(spec), "file-not-found", "a path holds no NUL character"))
    path = Path(spec)
    try:
        return _matches(spec, path, glob, kind)
    except OSError as error:
        reason = error.strerror or str(error)
        raise DataError.at(Problem(spec, "unreadable-file", f"cannot read: {reason}")) from None


def _matches(spec: str, path: Path, glob: Any, kind: Kind) -> list[Path]:
    """The files a spec names: a glob's matches, a folder's inputs, or the file itself."""
    if glob.has_magic(spec) and not path.exists():
        matches = sorted(Path(m) for m in glob.glob(spec, recursive=True))
        files = [f for m in matches for f in (_folder(m, kind) if m.is_dir() else [m])]
        if not files:
            raise DataError.at(Problem(spec, "no-inputs", "no file matches this pattern"))
        return files
    if path.is_dir():
        files = _folder(path, kind)
        if not files:
            raise DataError.at(Problem(spec, "no-inputs", kind.none))
        return files
    return [path]


def _folder(folder: Path, kind: Kind) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(
            Path(root) / n for n in sorted(names) if not n.startswith(".") and kind.accepts(Path(n))
        )
    return files


def read_input(path: Path) -> Contents:
    """One input's rows, zones and problems, whatever kind of file it is."""
    name = str(path)
    suffix = path.suffix.lower()
    try:
        if is_long_table(path):
            from zonestats.io.columns import check_cells
            from zonestats.io.long_table import read_cells

            cells, lines = read_cells(path)
            return check_cells(cells, path, lines)
        if is_compressed(path) and table_suffix(path) in YAML_SUFFIXES:
            message = "a dataset compressed with gzip: unpack it first (zcat); tables are read "
            message += "compressed (.csv.gz, and a .json.gz holding a list of records)"
            return Contents.unreadable(name, [Problem(name, "unknown-input-kind", message)])
        if suffix and suffix not in YAML_SUFFIXES:
            message = (
                f"cannot tell what this file holds from its extension ({KINDS}); "
                "a report's text goes to `zonestats extract`"
            )
            return Contents.unreadable(name, [Problem(name, "unknown-input-kind", message)])
        kind = kind_of(path)
        if kind == PACKED:  # a nameless input compressed: what it holds is not said
            message = "compressed with gzip: unpack it first (zcat), or name it t.csv.gz"
            return Contents.unreadable(name, [Problem(name, "unknown-input-kind", message)])
        return _read_yaml(path, kind == ".json")
    except DataError as error:
        return Contents.unreadable(name, list(error.problems))


def _read_yaml(path: Path, json: bool) -> Contents:
    from zonestats.io.text import read_text
    from zonestats.io.yaml_dataset import read_dataset
    from zonestats.io.yaml_parser import collections_paused, json_as_yaml, read_yaml

    name = str(path)
    text = read_text(path, reject_binary=True)
    if json:
        text = json_as_yaml(text)
    raw, problems = read_yaml(text, name)
    if raw is None:
        return Contents.unreadable(name, problems)
    with collections_paused():
        contents = read_dataset(raw, name)
    contents.problems = sorted(
        problems + contents.problems, key=lambda p: (p.line or 0, p.col or 0)
    )
    return contents


def check(
    specs: Sequence[Spec] | None = None, needs: Needs | None = None
) -> tuple[Dataset, list[Problem]]:
    """Every input read into one dataset, and every problem of every input, in input
    order. The dataset holds the observations that have no problem of their own; with
    ``needs``, of large long tables only the rows a command needs (every row is checked)."""
    try:
        paths = resolve(specs)
    except DataError as error:
        return Dataset(ObservationTable.empty(), ()), list(error.problems)
    contents = _read_all(paths, needs)
    problems = [p for c in contents for p in c.problems]
    zones, mapping, zone_problems = resolve_zones([z for c in contents for z in c.zones])
    table = ObservationTable.concat(c.table for c in contents)
    apply_zones(table, zones, mapping)
    definitions = check_definitions(table)
    fill_definitions(table)
    merged, conflicts = merge(table)
    order = {name: index for index, name in enumerate(table.files)}
    whole = sorted(
        [*zone_problems, *definitions, *merged],
        key=lambda p: (order.get(p.path, len(order)), p.line or 0, p.col or 0),
    )
    observed = {row[1] for _, row in table.distinct(ZONE_COLUMNS)}
    claims = tuple(claim for c in contents for claim in c.claims)
    kept = tuple(z for z in zones if z.name in observed)
    return Dataset(table, kept, conflicts, claims), problems + whole


def _read_all(paths: list[Path], needs: Needs | None) -> list[Contents]:
    """Every input's contents; large long tables through the engine where a command says
    what it needs of them."""
    if needs is not None:
        from zonestats.io.engine.read import engine_inputs, read_through_engine

        chosen = engine_inputs(paths)
        if chosen:
            return read_through_engine(paths, set(chosen), needs, read_input)
    return [read_input(path) for path in paths]


def load(specs: Spec | Sequence[Spec] | None = None, needs: Needs | None = None) -> Dataset:
    """Read and check datasets and long tables (the bundled dataset when none is given).

    Raises DataError listing every problem when any input is invalid; conflicting values
    between sources are kept in ``Dataset.conflicts``, not raised.
    """
    if isinstance(specs, str | Path):
        specs = [specs]
    dataset, problems = check(specs, needs)
    fatal = [p for p in problems if p.code not in NOT_FATAL]
    if fatal:
        raise DataError.from_problems(fatal)
    return dataset


def load_observations(specs: Spec | Sequence[Spec] | None = None) -> pd.DataFrame:
    """The observations table (one row per observation) of any inputs; the bundled dataset
    when none is given."""
    return load(specs).observations()


def quotes_of(path: Path) -> list[tuple[str, int | None, int | None]]:
    """Every quote an input holds (of observations and recorded claims) and where, valid or
    not (to check them against a report however broken the rest is); none when the file
    cannot be read at all."""
    try:
        if is_long_table(path):
            from zonestats.io.long_table import read_cells

            cells, lines = read_cells(path)
            if "quote" not in cells:
                return []
            quotes = cells["quote"].tolist()
            return [
                (q, line, None)
                for q, line in zip(quotes, lines.tolist(), strict=True)
                if isinstance(q, str)
            ]
        from zonestats.io.text import read_text
        from zonestats.io.yaml_parser import read_yaml

        raw, _ = read_yaml(read_text(path, reject_binary=True), str(path))
    except DataError:
        return []
    return _yaml_quotes(raw)


def _yaml_quotes(raw: object) -> list[tuple[str, int | None, int | None]]:
    from zonestats.io.tree import Mapping, Sequence

    found: list[tuple[str, int | None, int | None]] = []
    indicators = raw.get("indicators") if isinstance(raw, Mapping) else None
    for indicator in indicators if isinstance(indicators, Sequence) else []:
        observations = indicator.get("observations") if isinstance(indicator, Mapping) else None
        for observation in observations if isinstance(observations, Sequence) else []:
            if isinstance(observation, Mapping) and isinstance(observation.get("quote"), str):
                line, col = observation.value_positions["quote"]
                found.append((observation["quote"], line, col))
    claims = raw.get("claims") if isinstance(raw, Mapping) else None
    for claim in claims if isinstance(claims, Sequence) else []:
        if isinstance(claim, Mapping) and isinstance(claim.get("quote"), str):
            line, col = claim.value_positions["quote"]
            found.append((claim["quote"], line, col))
    return found


def problems(specs: Spec | Sequence[Spec] | None = None) -> list[Problem]:
    """Every problem of the inputs, each alone and all together; empty when all is valid."""
    if isinstance(specs, str | Path):
        specs = [specs]
    return check(specs)[1]
