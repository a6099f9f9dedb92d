"""Read inputs with long tables through the engine: every row checked in tables of a bounded
size, the key columns of the valid ones kept in the engine, and only the rows a command
needs (zonestats.io.engine.needed) read again and handed on."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from zonestats.errors import DataError, ZonestatsError
from zonestats.io.contents import Contents
from zonestats.io.engine.needed import Needs, needed_rows
from zonestats.io.engine.store import Store
from zonestats.io.interrupt import signals_interrupt
from zonestats.io.limits import MB, memory_limit
from zonestats.model.merge import ZoneRecord, resolve_zones, zone_key
from zonestats.model.table import ObservationTable

if TYPE_CHECKING:
    import numpy as np

CHUNK_ROWS = 500_000
"""Rows checked at a time."""
ENGINE_BYTES = 256 * MB
"""Long tables of this size in all, or more, go through the engine (below it, reading the
whole table at once is faster, and its memory is no burden); with a memory limit chosen,
every long table does. A Parquet file counts as its rows would as text."""
_ROW_BYTES = 100
"""About what a row of a long table takes as CSV (the quote most of it)."""
ENV_ENGINE = "ZONESTATS_ENGINE"
"""`always` or `never` (for tests); anything else: by size."""

_OF_THE_HEADER = ("unknown-column", "missing-column")
T = TypeVar("T")


def engine_inputs(paths: Sequence[Path]) -> list[Path]:
    """The long tables that go through the engine: regular files (read twice), by size."""
    from zonestats.io.kinds import is_long_table

    tables = [p for p in paths if is_long_table(p) and p.is_file()]
    chosen = os.environ.get(ENV_ENGINE, "").strip().lower()
    if chosen == "never" or not tables:
        return []
    if chosen == "always" or memory_limit() is not None:
        return tables
    return tables if sum(map(_size, tables)) >= ENGINE_BYTES else []


def _size(path: Path) -> int:
    """A table's size as text: a text file's bytes, a Parquet file's rows as text (its
    bytes are compressed: 10M rows may take 60 MB)."""
    from zonestats.io.compressed import is_compressed, table_suffix, unpacked_size

    if is_compressed(path):
        return unpacked_size(path)  # a Parquet file is not compressed again
    if table_suffix(path) == ".parquet":
        try:
            import pyarrow.parquet as pq

            return int(pq.read_metadata(path).num_rows) * _ROW_BYTES
        except Exception:  # not a Parquet file: its reader says so  # noqa: BLE001
            pass
    return path.stat().st_size


def read_through_engine(
    paths: Sequence[Path],
    chosen: Collection[Path],
    needs: Needs,
    read_input: Callable[[Path], Contents],
) -> list[Contents]:
    """Every input's contents (of the chosen tables, only the rows needed; the others as
    ``read_input`` reads them)."""
    with signals_interrupt():  # the engine's folder goes however the process ends
        store = Store()
        try:
            contents: list[Contents] = []
            for index, path in enumerate(paths):
                if path in chosen:
                    contents.append(_check_all(path, store, index))
                else:
                    contents.append(read_input(path))
                    store.add(contents[-1].table, index, 0)
            if any(c.claims for c in contents):  # recorded claims are judged on every row
                lines = store.all_lines()
            else:
                renamed = _renamed([zone for c in contents for zone in c.zones])
                lines = needed_rows(store, renamed, needs)
        except store.errors as error:  # past its memory limit, or its disk full
            reason = str(error).strip().splitlines()[0]
            limit = memory_limit() or "the default"
            raise ZonestatsError(
                f"the engine for long tables failed (memory limit {limit}): {reason}"
            ) from None
        finally:
            store.close()  # no engine outlives the reading (nor its threads a fork)
        for index, path in enumerate(paths):
            if path in chosen:
                contents[index] = _read_again(path, lines.get(index), contents[index])
        return contents


def _check_all(path: Path, store: Store, index: int) -> Contents:
    """Every row of a table checked, a table of rows at a time: its problems and zones, and
    the key columns of its valid rows in the engine (the contents hold no rows)."""
    from zonestats.io.columns import check_cells
    from zonestats.io.long_table import read_chunks

    name = str(path)
    problems, zones, count = [], {}, 0
    try:
        for cells, lines in read_ahead(read_chunks(path, CHUNK_ROWS)):
            checked = check_cells(cells, path, lines)
            problems.extend(checked.problems)
            zones.update(dict.fromkeys(checked.zones))
            store.add(checked.table, index, count)
            count += len(checked.table)
            if any(p.code in _OF_THE_HEADER for p in checked.problems):
                break  # every table of the file would say so again
    except DataError as error:  # rows of earlier tables of the file are no rows of it
        store.connection.execute("DELETE FROM keys WHERE _file = ?", [index])
        return Contents.unreadable(name, list(error.problems))
    return Contents(ObservationTable.empty([name]), list(zones), problems)


def _read_again(path: Path, lines: np.ndarray | None, checked: Contents) -> Contents:
    """The rows of some lines of a table, read and checked again (they are valid)."""
    import numpy as np
    import pandas as pd

    from zonestats.io.columns import check_cells
    from zonestats.io.long_table import read_chunks
    from zonestats.io.table_rows import read_rows

    if lines is None or not len(lines):
        return checked
    picked = read_rows(path, lines)  # a CSV's rows alone, where its scan finds them
    if picked is None:
        parts, found = [], []
        for cells, places in read_ahead(read_chunks(path, CHUNK_ROWS)):
            wanted = np.isin(places, lines, assume_unique=True)
            if wanted.any():
                parts.append(cells[wanted])
                found.append(places[wanted])
        if not parts:  # the file changed between the two readings
            raise ZonestatsError(f"{path}: the file changed while it was read")
        picked = pd.concat(parts, ignore_index=True), np.concatenate(found)
    again = check_cells(picked[0], path, picked[1])
    if again.problems:
        raise ZonestatsError(f"{path}: the file changed while it was read")
    return Contents(again.table, checked.zones, checked.problems, checked.claims)


def read_ahead(items: Iterator[T]) -> Iterator[T]:
    """An iterator's items, the next one made in a thread while the caller works on this one
    (reading a table's next rows overlaps checking these: the readers leave the interpreter
    free while they parse). Whatever making an item raises is raised here, in order. No
    item is None."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1, thread_name_prefix="zonestats-read") as pool:
        ahead = pool.submit(next, items, None)
        while (item := ahead.result()) is not None:
            ahead = pool.submit(next, items, None)
            yield item


def _renamed(records: list[ZoneRecord]) -> list[tuple[str | None, str]]:
    """The (zone_id, zone) of rows of zones that rows name in more than one way (a short
    name and a long one, an id given or not): their rows are renamed to one, so the engine,
    which groups rows as written, cannot tell their series."""
    _, mapping, _ = resolve_zones(records)
    ways: dict[int, set[tuple[str | None, str]]] = {}
    for record in records:
        ways.setdefault(mapping[zone_key(record.id, record.name)], set()).add(
            (record.id, record.name)
        )
    return sorted(
        (key for keys in ways.values() if len(keys) > 1 for key in keys),
        key=lambda key: (key[0] or "", key[1]),
    )
