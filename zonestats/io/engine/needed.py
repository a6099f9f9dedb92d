"""Which rows a command needs of the tables in the engine (zonestats.io.engine.store): the
rows that tie rows together, and each series' rows at its first and last period.

Every row whose absence could change what the checks and the command find is needed:
- of each series, its first row, and where its rows define it more than one way, the first
  row of each definition in each input (all that zonestats.model.merge.check_definitions and
  zonestats.model.definitions.fill_definitions read);
- the first row of each report (Dataset.sources);
- every row of an observation given more than once (zonestats.model.merge.merge), counted
  by series and the dates its period covers (whatever the qualifier: a few rows more), and
  each series' first row of an observation given once: with those, each series' first row
  that analysis uses (the order of the output is the order series first appear in);
- every row of a zone that rows name in more than one way (its rows are renamed);
- with ends: each series' rows of the earliest period a start may be in and of the latest an
  end may be in (zonestats.analysis.growth picks among those alone), and every row of an
  indicator in a period where one of its series ends (zones side by side say where a zone
  left out for its later figure has one of the period compared too).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zonestats.io.engine.store import Store
from zonestats.model.merge import SERIES

if TYPE_CHECKING:
    import numpy as np

Ends = Callable[[Sequence[str]], "tuple[np.ndarray, np.ndarray, np.ndarray]"]
"""Of distinct periods: each one's rank in time, whether a series' start may be there and
whether its end may."""


@dataclass(frozen=True)
class Needs:
    """What a command needs of large long tables beyond every check: with ``ends``, the
    rows of each series' first and last period (else none but those the checks need)."""

    ends: Ends | None = None


_SERIES = ", ".join(SERIES)

_FIRST_OF_DEFINITIONS = f"""
SELECT _file, _line FROM (
  SELECT _file, _line, k, max(t) OVER (PARTITION BY {_SERIES}) AS kinds FROM (
    SELECT {_SERIES}, _file, _line,
      dense_rank() OVER (PARTITION BY {_SERIES} ORDER BY definition) AS t,
      row_number() OVER (PARTITION BY {_SERIES} ORDER BY _file, _row) AS k
    FROM (SELECT {_SERIES}, definition, _file, min(_row) AS _row, arg_min(_line, _row) AS _line
          FROM keys GROUP BY ALL)))
WHERE kinds > 1 OR k = 1
"""
_FIRST_OF_SOURCES = "SELECT _file, arg_min(_line, _row) FROM keys GROUP BY _file, source"
_SPANS = f"""
CREATE OR REPLACE TEMP TABLE spans AS
SELECT {_SERIES}, _span, count(*) AS n, min(_file::BIGINT << 32 | _row) AS first
FROM keys GROUP BY ALL
"""
"""Each series' observations by the dates their period covers: how many rows give each,
and the first (by input and row). Aggregates, not windows: a fraction of the time."""
_SAME_SPAN = " AND ".join(f"keys.{c} = s.{c}" for c in (*SERIES, "_span"))
_REPEATED = f"""
SELECT _file, _line FROM keys SEMI JOIN (SELECT * FROM spans WHERE n > 1) AS s
ON {_SAME_SPAN}
"""
_FIRST_USED = f"""
SELECT _file, _line FROM keys SEMI JOIN (
  SELECT min(first) AS first FROM spans WHERE n = 1 GROUP BY {_SERIES}) AS f
ON (keys._file::BIGINT << 32 | keys._row) = f.first
"""
_RENAMED = """
SELECT _file, _line FROM keys SEMI JOIN renamed
ON keys.zone = renamed.zone AND keys.zone_id IS NOT DISTINCT FROM renamed.zone_id
"""
_ENDS = f"""
SELECT _file, _line FROM keys JOIN periods USING (period) JOIN (
  SELECT {_SERIES},
    min(CASE WHEN start_ok THEN rank END) AS earliest,
    max(CASE WHEN end_ok THEN rank END) AS latest
  FROM keys JOIN periods USING (period) GROUP BY ALL) AS series_ends
USING ({_SERIES})
WHERE rank = earliest OR rank = latest
"""
_AT_ENDS = f"""
SELECT _file, _line FROM keys JOIN periods USING (period)
SEMI JOIN (
  SELECT DISTINCT indicator, max(CASE WHEN end_ok THEN rank END) AS latest
  FROM keys JOIN periods USING (period) GROUP BY {_SERIES}) AS ends
ON keys.indicator = ends.indicator AND periods.rank = ends.latest
"""


def needed_rows(
    store: Store, renamed: Sequence[tuple[str | None, str]], needs: Needs
) -> dict[int, np.ndarray]:
    """Per input, the lines of the rows needed, in order."""
    import numpy as np

    connection = store.connection
    connection.execute(_SPANS)
    queries = [_FIRST_OF_DEFINITIONS, _FIRST_OF_SOURCES, _REPEATED, _FIRST_USED]
    connection.register("renamed", _zone_codes(store, renamed))
    queries.append(_RENAMED)
    if needs.ends is not None:
        connection.register("periods", _periods(store, needs.ends))
        queries += [_ENDS, _AT_ENDS]
    union = " UNION ".join(f"({q})" for q in queries)
    found = connection.sql(f"SELECT * FROM ({union}) ORDER BY 1, 2").fetchnumpy()
    files, rows = np.asarray(found["_file"]), np.asarray(found["_line"], dtype=np.int64)
    if not len(files):
        return {}
    starts = np.searchsorted(files, np.unique(files))
    return {int(files[s]): r for s, r in zip(starts, np.split(rows, starts[1:]), strict=True)}


def _zone_codes(store: Store, zones: Sequence[tuple[str | None, str]]) -> object:
    """The codes of some (zone_id, zone) that rows hold."""
    import pyarrow as pa

    ids, names = [], []
    for identifier, name in zones:
        id_code, name_code = store.code("zone_id", identifier), store.code("zone", name)
        if name_code is not None and id_code is not None:
            ids.append(id_code)
            names.append(name_code)
    return pa.table({"zone_id": pa.array(ids, pa.int32()), "zone": pa.array(names, pa.int32())})


def _periods(store: Store, ends: Ends) -> object:
    """The distinct periods with their ranks and where starts and ends may be."""
    import pyarrow as pa

    periods = store.values("period")
    rank, start, end = ends([str(p) for (p,) in periods])
    return pa.table(
        {
            "period": pa.array(range(len(periods)), pa.int32()),
            "rank": pa.array(rank, pa.int64()),
            "start_ok": pa.array(start, pa.bool_()),
            "end_ok": pa.array(end, pa.bool_()),
        }
    )
