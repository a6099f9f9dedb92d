"""The pieces a columnar engine for long tables would be made of, timed with DuckDB on the
1M-observation table, and whether DuckDB can write today's CSV byte for byte.

    PYTHONPATH=. python benchmarks/engine_pieces.py [--data benchmarks/.data] [--only-csv]

Needs duckdb and pyarrow (pip install -e '.[bench]'). Timings are medians of 3 runs in one
process (reading the file, a rule as SQL or as Python per distinct value, the quantity
grammar per distinct written value, each series' ends by arg_min/arg_max, COPY TO CSV,
conversion to pandas). The CSV checks write numbers (12 significant digits, whole numbers
as integers), text (formula escaping, quoting, empty cells) and compare's growth table of
the 1M Parquet file both ways and say where they differ.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def timed(label: str, run: Callable[[], Any], runs: int = 3) -> Any:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    shown = "" if result is None else f"  ({result})"
    print(f"{statistics.median(times):7.3f} s  {label}{shown}", flush=True)
    return result


def pieces(con: Any, data: Path) -> None:
    """Time each piece on the 1M table."""
    csv_path, parquet = data / "obs_1000000.csv", data / "obs_1000000.parquet"

    def run(sql: str) -> Callable[[], Any]:
        return lambda: con.execute(sql).fetchall() and None

    timed(
        "read CSV, every column VARCHAR, into a table",
        run(
            "CREATE OR REPLACE TABLE t_text AS SELECT * "
            f"FROM read_csv('{csv_path}', all_varchar=true)"
        ),
    )
    timed(
        "read CSV, types detected, into a table",
        run(f"CREATE OR REPLACE TABLE t_csv AS SELECT * FROM read_csv('{csv_path}')"),
    )
    timed(
        "read Parquet into a table",
        run(f"CREATE OR REPLACE TABLE t AS SELECT * FROM read_parquet('{parquet}')"),
    )
    count = "SELECT count(*) FILTER (WHERE NOT contains(quote, written)) FROM t"
    timed("rule value-not-in-quote as SQL contains(), every row", run(count))
    con.create_function(
        "in_quote", lambda w, q: w in q, ["VARCHAR", "VARCHAR"], "BOOLEAN", side_effects=False
    )
    timed(
        "rule value-not-in-quote as a Python UDF, every row (1M calls)",
        run("SELECT count(*) FILTER (WHERE NOT in_quote(written, quote)) FROM t"),
        runs=1,
    )
    timed(
        "rule value-not-in-quote as a Python UDF per distinct (written, quote), joined back",
        run(
            "WITH d AS (SELECT written, quote, in_quote(written, quote) AS ok "
            "FROM (SELECT DISTINCT written, quote FROM t)) "
            "SELECT count(*) FROM t JOIN d USING (written, quote) WHERE NOT ok"
        ),
    )
    grammar(con)
    growth(con, parquet)
    outputs(con)


def grammar(con: Any) -> None:
    """The quantity grammar once per distinct written value, its readings back in DuckDB."""
    import pyarrow as pa

    from zonestats.model.quantity import parse_quantity

    distinct = "SELECT DISTINCT written FROM t_text WHERE written IS NOT NULL"

    def by_arrow() -> int:
        written = [w for (w,) in con.execute(distinct).fetchall()]
        read = [parse_quantity(w) for w in written]
        table = pa.table(
            {
                "written": written,
                "read_value": [q.value for q in read],
                "read_unit": [q.unit for q in read],
                "read_qualifier": [q.qualifier.value for q in read],
            }
        )
        con.register("readings_arrow", table)
        con.execute("CREATE OR REPLACE TEMP TABLE readings AS SELECT * FROM readings_arrow")
        return len(written)

    def by_executemany() -> int:
        written = [w for (w,) in con.execute(distinct).fetchall()]
        rows = [
            (w, q.value, q.unit, q.qualifier.value)
            for w, q in zip(written, map(parse_quantity, written), strict=True)
        ]
        con.execute(
            "CREATE OR REPLACE TEMP TABLE readings_slow (w VARCHAR, v DOUBLE, u VARCHAR, q VARCHAR)"
        )
        con.executemany("INSERT INTO readings_slow VALUES (?, ?, ?, ?)", rows)
        return len(rows)

    timed("quantity grammar per distinct written value, back through an Arrow table", by_arrow)
    timed("the same, back through executemany (avoid: slow)", by_executemany, runs=1)
    timed(
        "rules number-, unit- and qualifier-mismatch as SQL, every row joined to the readings",
        lambda: con.execute(
            "SELECT count(*) FILTER (WHERE abs(r.read_value - TRY_CAST(t.value AS DOUBLE)) "
            "> 1e-9 * abs(r.read_value)), count(*) FILTER (WHERE r.read_unit <> t.unit AND "
            "NOT (r.read_unit IN ('位', '名') AND t.unit IN ('位', '名'))), count(*) FILTER "
            "(WHERE NOT (r.read_qualifier = 'exact' OR t.qualifier = r.read_qualifier)) "
            "FROM t_text t JOIN readings r USING (written)"
        ).fetchall()[0],
    )


def growth(con: Any, parquet: Path) -> None:
    """Each series' first and last observation, by period rank."""
    import pyarrow as pa

    from zonestats.model.period import period_position

    def ranks() -> int:
        periods = [p for (p,) in con.execute("SELECT DISTINCT period FROM t").fetchall()]
        ordered = sorted(periods, key=lambda p: period_position(p)[::-1])
        table = pa.table({"period": ordered, "rank": list(range(len(ordered)))})
        con.register("ranks_arrow", table)
        con.execute("CREATE OR REPLACE TEMP TABLE ranks AS SELECT * FROM ranks_arrow")
        return len(periods)

    timed("period ranks: distinct periods, their positions in Python, back as a table", ranks)
    ends = (
        "arg_min(period, rank), arg_max(period, rank), arg_min(value, rank), "
        "arg_max(value, rank), arg_min(qualifier, rank), arg_max(qualifier, rank)"
    )
    timed(
        "ends of each series: arg_min/arg_max by rank from the table, fetched",
        lambda: len(
            con.execute(
                f"SELECT zone, indicator, {ends} FROM t JOIN ranks USING (period) GROUP BY ALL"
            ).fetchall()
        ),
    )
    timed(
        "the same straight from the Parquet file (read, join, aggregate), to Arrow",
        lambda: (
            con.sql(
                f"SELECT zone, indicator, {ends} FROM read_parquet('{parquet}') "
                "JOIN ranks USING (period) GROUP BY ALL"
            )
            .to_arrow_table()
            .num_rows
        ),
    )


def outputs(con: Any) -> None:
    """Writing a growth-sized result and the whole table; conversion to pandas."""
    import pyarrow as pa

    con.execute(
        "CREATE OR REPLACE TABLE g AS SELECT zone, indicator, min(period) AS from_period, "
        "max(period) AS to_period, arg_min(value, period) AS from_value, "
        "arg_max(value, period) AS to_value FROM t GROUP BY ALL"
    )
    out = "/tmp/zonestats-engine-piece.csv"
    timed(
        "COPY the growth-sized result (33k rows) TO CSV",
        lambda: con.execute(f"COPY g TO '{out}'") and None,
    )
    timed("COPY the whole 1M table TO CSV", lambda: con.execute(f"COPY t TO '{out}'") and None)
    timed(
        "the growth-sized result to pandas via Arrow",
        lambda: len(con.sql("FROM g").to_arrow_table().to_pandas()),
    )

    def whole() -> int:
        import pandas as pd

        table = con.sql("FROM t").to_arrow_table()
        return len(table.to_pandas(types_mapper={pa.string(): pd.ArrowDtype(pa.string())}.get))

    timed("the whole 1M table to pandas via Arrow (Arrow strings)", whole)
    timed(
        "the whole 1M table to pandas by .df() (object strings)",
        lambda: len(con.sql("FROM t").df()),
        runs=1,
    )
    frame = con.sql("FROM t").df()
    timed("pandas to_csv of the whole 1M table", lambda: frame.to_csv(out, index=False), runs=1)


# ---- byte for byte: today's CSV writer and DuckDB's COPY -------------------------------------

# The SQL of each kind of cell: the engine writer's own (zonestats.output.copy).
from zonestats.output.copy import FLAG_SQL as FLAG  # noqa: E402
from zonestats.output.copy import NUMBER_SQL as NUMBER  # noqa: E402
from zonestats.output.copy import TEXT_SQL as TEXT  # noqa: E402

COPY_OPTIONS = "HEADER, QUOTE '\"', ESCAPE '\"', NULLSTR '', COMMENT '', NEW_LINE '\\n'"
"""COMMENT '' matters: without it DuckDB quotes every cell holding a #."""


def _read(path: str) -> str:
    with open(path, encoding="utf-8", newline="") as file:  # line ends as written
        return file.read()


def check_numbers(con: Any) -> None:
    import numpy as np
    import pyarrow as pa

    from zonestats.output.writers import _numbers_as_text

    rng = random.Random(3)
    values = [rng.choice((1, -1)) * 10 ** rng.uniform(-12, 20) for _ in range(300_000)]
    values += [0.0, -0.0, 1e16, 1e-5, 1.5e-5, 1e-4, 123456789012.5, 0.1 + 0.2, 2.5, 0.5]
    values += [float("nan"), float("inf"), -float("inf"), 1e22, 1e23, 1e-300, 5e-324]
    digits = [f"{rng.randint(10**11, 10**12 - 1)}5e-{rng.randint(1, 12)}" for _ in range(50_000)]
    values += [float(d) for d in digits]  # halves at the 13th digit
    values += [rng.randint(1, 5000) / rng.randint(1, 5000) for _ in range(50_000)]
    values += [(rng.randint(1, 5000) / rng.randint(1, 5000)) ** (1 / 29) - 1 for _ in range(50_000)]
    array = np.array(values, dtype="float64")
    expected = _numbers_as_text(array)
    con.register("numbers", pa.table({"i": np.arange(len(array)), "x": array}))
    sql = f"SELECT coalesce({NUMBER.format(c='x')}, '') FROM numbers ORDER BY i"
    got = [text for (text,) in con.execute(sql).fetchall()]
    wrong = [(v, a, b) for v, a, b in zip(values, expected, got, strict=True) if a != b]
    print(f"numbers: {len(values) - len(wrong):,} of {len(values):,} written the same")
    for value, mine, theirs in wrong[:10]:
        print(f"   {value!r}: zonestats {mine!r}, DuckDB {theirs!r}")


def check_text(con: Any) -> None:
    import pandas as pd
    import pyarrow as pa

    from zonestats.output.writers import _columns_as_text, _has_carriage_return, _RowEnds

    cells: list[str | None] = [chr(c) + "x" for c in range(1, 128)]
    cells += ["x" + chr(c) for c in range(1, 128)] + [chr(c) for c in range(1, 128)]
    cells += ["", None, "a,b", 'say "hi"', "line\nbreak", "cr\rhere", "crlf\r\nx", "=SUM(A1)"]
    cells += ["+1", "-3", "@x", "\tTab", "NULL", "全区291个", "\u3000x", " lead", "trail "]
    for with_cr in (True, False):
        chosen = [c for c in cells if with_cr or c is None or "\r" not in c]
        # Two columns: of a one-column row with nothing in it, the csv module writes "".
        frame = pd.DataFrame({"t": pd.Series(chosen, dtype=object), "k": "k"})
        out = io.StringIO()
        columns = _columns_as_text(frame)
        if any(_has_carriage_return(column) for column in columns):
            writer = csv.writer(_RowEnds(out), lineterminator="\r\n")
        else:
            writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["t", "k"])
        writer.writerows(zip(*columns, strict=True))
        con.register(
            "texts", pa.table({"t": pa.array(chosen, pa.string()), "k": ["k"] * len(chosen)})
        )
        path = "/tmp/zonestats-engine-text.csv"
        select = f"SELECT {TEXT.format(c='t')} AS t, k FROM texts"
        con.execute(f"COPY ({select}) TO '{path}' ({COPY_OPTIONS})")
        theirs = _read(path)
        same = "the same" if theirs == out.getvalue() else "DIFFERENT"
        print(f"text cells ({'with' if with_cr else 'without'} carriage returns): {same}")


def check_growth(con: Any, data: Path) -> None:
    """compare's growth table of the 1M Parquet file, written by zonestats and by COPY."""
    import pandas as pd
    import pyarrow as pa

    from zonestats.analysis.growth import Selection, growth_table
    from zonestats.analysis.zones import compare_zones
    from zonestats.io.inputs import load
    from zonestats.output import writers
    from zonestats.output.options import Headers, Lang, Units
    from zonestats.output.table import header_of
    from zonestats.output.views import growth_rows

    dataset = load([data / "obs_1000000.parquet"])
    growth = growth_table(dataset.observations(), Selection(keep_single=True))
    # Without `observed` (no zone is left out for its later period in this table).
    growth = compare_zones(growth, [z.name for z in dataset.zones])
    table = growth_rows(growth, True)

    class Options:
        bom, headers, lang, units = False, Headers.KEYS, Lang.ZH, Units.CN

    out = io.StringIO()
    start = time.perf_counter()
    writers._write_csv(table, Options, out)  # type: ignore[arg-type]
    mine = time.perf_counter() - start
    keys, _ = writers._machine_view(table)
    frame = table.frame[keys]
    text = [
        k
        for k in keys
        if not pd.api.types.is_numeric_dtype(frame[k]) and not pd.api.types.is_bool_dtype(frame[k])
    ]
    con.register(
        "growth",
        pa.Table.from_pandas(frame.astype({k: object for k in text}), preserve_index=False),
    )
    shown = [c for c in table.columns if c.machine]
    parts = []
    for key, column in zip(keys, shown, strict=True):
        series, c = frame[key], f'"{key}"'
        if pd.api.types.is_bool_dtype(series):
            cell = FLAG.format(c=c)
        elif pd.api.types.is_float_dtype(series):
            cell = NUMBER.format(c=c)
        elif pd.api.types.is_integer_dtype(series):
            cell = f"CAST({c} AS VARCHAR)"
        else:
            cell = TEXT.format(c=c)
        parts.append(f'{cell} AS "{header_of(column, Options)}"')  # type: ignore[arg-type]
    path = "/tmp/zonestats-engine-growth.csv"
    start = time.perf_counter()
    con.execute(f"COPY (SELECT {', '.join(parts)} FROM growth) TO '{path}' ({COPY_OPTIONS})")
    theirs = time.perf_counter() - start
    same = _read(path) == out.getvalue()
    print(
        f"compare's growth table ({len(frame):,} rows): zonestats' writer {mine:.3f} s, "
        f"COPY {theirs:.3f} s, {'byte for byte the same' if same else 'DIFFERENT'}"
    )


def main() -> None:
    import duckdb

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=HERE / ".data")
    parser.add_argument("--only-csv", action="store_true", help="only the byte-for-byte checks")
    args = parser.parse_args()
    con = duckdb.connect()
    if not args.only_csv:
        pieces(con, args.data)
    check_numbers(con)
    check_text(con)
    check_growth(con, args.data)


if __name__ == "__main__":
    main()
