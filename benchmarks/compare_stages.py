"""Where `zonestats compare --csv -d TABLE` spends its time and memory, stage by stage, in
one process and without a profiler: the steps of zonestats.io.inputs.check and of the
compare command, called in the same order, each timed, with the resident memory after it.

    PYTHONPATH=. python benchmarks/compare_stages.py TABLE [TABLE ...]

The parts of check_cells are timed by wrapping the functions it calls. A profile of the
same run: python -m cProfile -s cumtime -m zonestats compare --csv -d TABLE > /dev/null
(or pyinstrument, installed apart: pyinstrument -m zonestats compare ...).
"""

from __future__ import annotations

import gc
import io
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TIMES: dict[str, float] = {}
MEMORY: dict[str, tuple[float, float]] = {}


def _resident() -> tuple[float, float]:
    with open("/proc/self/statm") as statm:
        now = int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    return now, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage(label: str, run: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = run()
    TIMES[label] = TIMES.get(label, 0.0) + time.perf_counter() - start
    MEMORY[label] = _resident()
    return result


def _wrap_check_cells_parts() -> None:
    from zonestats.io import columns

    names = ("TextColumn", "_check_field", "_numbers", "rule_inputs", "check_rules", "_frame")
    for name in (*names, "_zones"):
        function = getattr(columns, name)

        def timed(*args: Any, _function: Any = function, _name: str = name, **kw: Any) -> Any:
            start = time.perf_counter()
            result = _function(*args, **kw)
            label = f"  check_cells: {_name}"
            TIMES[label] = TIMES.get(label, 0.0) + time.perf_counter() - start
            return result

        setattr(columns, name, timed)


def main(paths: list[Path]) -> None:
    begin = time.perf_counter()
    stage("import pandas, pyarrow", lambda: __import__("pandas") and __import__("pyarrow"))
    from zonestats.analysis.growth import Selection, growth_table
    from zonestats.analysis.zones import compare_zones
    from zonestats.io.columns import check_cells
    from zonestats.io.long_table import read_cells
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
    from zonestats.output import writers
    from zonestats.output.options import Headers, Lang, Units
    from zonestats.output.views import growth_rows

    _wrap_check_cells_parts()
    gc.disable()  # as the command's read() does
    contents = []
    for path in paths:
        cells, lines = stage("read_cells (read_csv / read_parquet)", lambda p=path: read_cells(p))
        contents.append(stage("check_cells", lambda c=cells, p=path, f=lines: check_cells(c, p, f)))
    zones, mapping, _ = resolve_zones([z for c in contents for z in c.zones])
    table = stage("concat", lambda: ObservationTable.concat(c.table for c in contents))
    stage("apply_zones", lambda: apply_zones(table, zones, mapping))
    stage("check_definitions", lambda: check_definitions(table))
    stage("fill_definitions", lambda: fill_definitions(table))
    _, conflicts = stage("merge", lambda: merge(table))
    named = {row[1] for _, row in table.distinct(ZONE_COLUMNS)}
    dataset = Dataset(table, tuple(z for z in zones if z.name in named), conflicts)
    gc.freeze()
    gc.enable()
    frame = dataset.observations()
    several = len(dataset.zones) > 1
    growth = stage("growth_table", lambda: growth_table(frame, Selection(keep_single=several)))
    if several:
        ends = frame[["zone", "indicator", "period"]]
        observed = stage(
            "observed: set of every (zone, indicator, period) [cli/analyse.py]",
            lambda: set(ends.itertuples(index=False, name=None)),
        )
        zones_named = [zone.name for zone in dataset.zones]
        growth = stage(
            "compare_zones", lambda: compare_zones(growth, zones_named, observed=observed)
        )
    view = stage("growth_rows (the view)", lambda: growth_rows(growth, several))

    class Options:
        bom, headers, lang, units = False, Headers.KEYS, Lang.ZH, Units.CN

    out = io.StringIO()
    stage("CSV writer", lambda: writers._write_csv(view, Options, out))  # type: ignore[arg-type]
    total = time.perf_counter() - begin
    print(f"{len(frame):,} observations, {len(growth):,} rows of growth")
    for label, seconds in TIMES.items():
        memory = MEMORY.get(label)
        where = f"  resident {memory[0]:6.0f} MiB, peak {memory[1]:6.0f} MiB" if memory else ""
        print(f"{seconds:7.3f} s  {label:<68}{where}")
    print(f"{total:7.3f} s  in all (after the interpreter started)")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
