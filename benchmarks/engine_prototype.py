"""A rough sketch of compare's path on a long table done by DuckDB, to ground the estimates
of a columnar engine: what the checks and the growth cost when DuckDB does them. TIMING
ONLY: its CSV has compare's growth columns roughly (no zone comparison, simplified notes and
qualifiers), and it reports problems by count, not as zonestats does.

    PYTHONPATH=. python benchmarks/engine_prototype.py TABLE OUT.csv

Steps, each timed: read the table into DuckDB with line numbers; each text column's
distinct values that its SURELY_VALID patterns (RE2, as DuckDB's regular expressions) do
not vouch for, through the column's converter in Python; the quantity grammar once per
distinct written value (a Python UDF); the observation rules as SQL in one pass; period
ranks once per distinct period; definitions and duplicates by GROUP BY; each series'
ends by arg_min/arg_max, the figures, and COPY TO CSV with today's number formatting.
"""

from __future__ import annotations

import sys
import time
from typing import Any

START = time.perf_counter()
MARKS: list[tuple[str, float]] = []


def mark(label: str) -> None:
    MARKS.append((label, time.perf_counter()))


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def read(con: Any, path: str) -> dict[str, str]:
    if path.endswith(".parquet"):
        source = f"read_parquet({quoted(path)}, file_row_number = true)"
        line = "file_row_number + 1"
    else:
        source = f"read_csv({quoted(path)}, all_varchar = true)"
        line = "row_number() OVER () + 1"
    con.execute(f"CREATE TEMP TABLE obs AS SELECT *, {line} AS _line FROM {source}")
    return dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE obs)").fetchall())


def check_fields(con: Any, types: dict[str, str]) -> int:
    from zonestats.model.fields import COLUMN_FIELDS, SURELY_VALID

    failures = 0
    for column, kind in types.items():
        field = COLUMN_FIELDS.get(column)
        if field is None or field.convert is None or kind != "VARCHAR":
            continue
        patterns = SURELY_VALID.get(field.convert, ())
        sure = " AND ".join(f'regexp_matches("{column}", {quoted(p)})' for p in patterns)
        unsure = con.execute(
            f'SELECT DISTINCT "{column}" FROM obs WHERE "{column}" IS NOT NULL '
            f"AND NOT ({sure or 'false'})"
        ).fetchall()
        for (value,) in unsure:
            try:
                field.convert(value)
            except Exception:
                failures += 1
    return failures


def readings(con: Any) -> None:
    from zonestats.model.quantity import parse_quantity

    def parse(written: str) -> dict[str, Any]:
        try:
            read = parse_quantity(written)
        except Exception as error:
            return {"v": None, "u": None, "q": None, "e": str(error)}
        return {"v": read.value, "u": read.unit, "q": read.qualifier.value, "e": None}

    kind = "STRUCT(v DOUBLE, u VARCHAR, q VARCHAR, e VARCHAR)"
    con.create_function("parse_q", parse, ["VARCHAR"], kind, side_effects=False)
    con.execute(
        "CREATE TEMP TABLE readings AS SELECT written, r.v AS read_value, r.u AS read_unit, "
        "r.q AS read_qualifier, r.e AS error FROM (SELECT written, parse_q(written) AS r "
        "FROM (SELECT DISTINCT written FROM obs WHERE written IS NOT NULL))"
    )


def rules(con: Any, value: str, out_of: str) -> int:
    broken = con.execute(
        f"""SELECT _line, code FROM (SELECT _line, CASE
          WHEN r.error IS NOT NULL THEN 'unreadable-value'
          WHEN NOT contains(o.quote, o.written) THEN 'value-not-in-quote'
          WHEN abs(r.read_value - {value}) > 1e-9 * abs(r.read_value) THEN 'number-mismatch'
          WHEN NOT (r.read_unit = o.unit OR (r.read_unit IN ('位', '名')
            AND o.unit IN ('位', '名'))) THEN 'unit-mismatch'
          WHEN NOT (r.read_qualifier = 'exact' OR o.qualifier = r.read_qualifier)
            THEN 'qualifier-contradicts-wording'
          WHEN {value} > {out_of} THEN 'rank-above-out-of' END AS code
        FROM obs o LEFT JOIN readings r USING (written)) WHERE code IS NOT NULL"""
    ).fetchall()
    return len(broken)


def ranks(con: Any) -> None:
    from zonestats.model.period import period_position

    periods = [p for (p,) in con.execute("SELECT DISTINCT period FROM obs").fetchall()]
    positions = {p: period_position(p) for p in periods}
    ordered = sorted(periods, key=lambda p: positions[p][::-1])
    rank = " ".join(f"WHEN {quoted(p)} THEN {i}" for i, p in enumerate(ordered))
    end = " ".join(f"WHEN {quoted(p)} THEN {positions[p][1]!r}" for p in periods)
    con.execute(
        f"CREATE TEMP TABLE ranks AS SELECT period, CASE period {rank} END AS rank, "
        f"CASE period {end} END AS period_end FROM (SELECT DISTINCT period FROM obs)"
    )


NUMBER = """CASE WHEN NOT isfinite({c}) THEN NULL
  WHEN {c} = trunc({c}) AND abs({c}) < 1e16 THEN CAST(CAST({c} AS HUGEINT) AS VARCHAR)
  WHEN {c} = trunc({c}) THEN CAST({c} AS VARCHAR)
  WHEN 11 - floor(log10(abs({c}))) BETWEEN 0 AND 22 THEN CAST(round_even({c} * power(10.0,
    11 - floor(log10(abs({c})))), 0) / power(10.0, 11 - floor(log10(abs({c})))) AS VARCHAR)
  ELSE CAST(round_even({c} / power(10.0, floor(log10(abs({c}))) - 11), 0)
    * power(10.0, floor(log10(abs({c}))) - 11) AS VARCHAR) END"""


def write(con: Any, value: str, out_of: str, out: str) -> None:
    def n(expression: str) -> str:
        return NUMBER.format(c=f"({expression})")

    places = "unit IN ('位', '名')"
    con.execute(
        f"""COPY (
      WITH p AS (
        SELECT zone, indicator, any_value(name) AS name, any_value(name_en) AS name_en,
          any_value(category) AS category, any_value(unit) AS unit,
          any_value(better) AS better, min(_line) AS first_line,
          arg_min(period, rank) AS fp, arg_max(period, rank) AS tp,
          arg_min({value}, rank) AS fv, arg_max({value}, rank) AS tv,
          arg_min(qualifier, rank) AS fq, arg_max(qualifier, rank) AS tq,
          arg_min({out_of}, rank) AS fo, arg_max({out_of}, rank) AS "to",
          arg_min(period_end, rank) AS fe, arg_max(period_end, rank) AS te
        FROM obs JOIN ranks USING (period) GROUP BY zone, indicator),
      g AS (SELECT *, tv - fv AS change, te - fe AS years,
              CASE WHEN fv > 0 AND NOT {places} THEN tv / fv END AS multiple FROM p)
      SELECT zone, indicator, name, name_en, category, unit, fp AS from_period,
        tp AS to_period, {n("fv")} AS from_value, {n("tv")} AS to_value,
        fq AS from_qualifier, tq AS to_qualifier, {n("change")} AS change,
        {n("multiple")} AS multiple, {n("multiple - 1")} AS pct_change, {n("years")} AS years,
        {n("CASE WHEN years > 0 THEN pow(multiple, 1 / years) - 1 END")} AS cagr,
        coalesce(better, CASE WHEN {places} THEN 'lower' END) AS better,
        CASE WHEN better = 'lower' THEN change < 0 ELSE change > 0 END AS improved,
        fo AS from_out_of, "to" AS to_out_of, {n("fv / fo")} AS from_percentile,
        {n('tv / "to"')} AS to_percentile, 'exact' AS qualifier,
        CASE WHEN {places} THEN 'rank: change in places' END AS note,
        count(*) OVER (PARTITION BY indicator) AS zones_with_it
      FROM g ORDER BY first_line)
    TO {quoted(out)} (HEADER, QUOTE '"', ESCAPE '"', NULLSTR '', COMMENT '')"""
    )


def main(path: str, out: str) -> None:
    import duckdb

    import zonestats.model.fields  # noqa: F401
    import zonestats.model.period  # noqa: F401
    import zonestats.model.quantity  # noqa: F401

    mark("imports (duckdb, zonestats.model)")
    con = duckdb.connect()
    types = read(con, path)
    mark("read into a table, with line numbers")
    mark(f"field checks per distinct unsure value ({check_fields(con, types)} refused)")
    readings(con)
    mark("quantity grammar per distinct written value (Python UDF)")
    value = "value" if types["value"] != "VARCHAR" else "TRY_CAST(value AS DOUBLE)"
    number = types.get("out_of", "VARCHAR") != "VARCHAR"
    out_of = "out_of" if number else "TRY_CAST(out_of AS DOUBLE)"
    mark(f"rules as SQL, one pass ({rules(con, value, out_of)} rows broken)")
    ranks(con)
    mark("period ranks per distinct period")
    differ = con.execute(
        "SELECT zone, indicator FROM obs GROUP BY ALL HAVING count(DISTINCT name) > 1 "
        "OR count(DISTINCT unit) > 1 OR count(DISTINCT category) > 1 "
        "OR count(DISTINCT better) > 1"
    ).fetchall()
    twice = con.execute(
        "SELECT zone, indicator, period, qualifier FROM obs GROUP BY ALL HAVING count(*) > 1"
    ).fetchall()
    mark(f"definitions and duplicates by GROUP BY ({len(differ)}, {len(twice)} found)")
    write(con, value, out_of, out)
    mark("ends by arg_min/arg_max, figures, formatted, COPY TO CSV")
    previous = START
    for label, at in MARKS:
        print(f"{at - previous:7.3f} s  {label}")
        previous = at
    print(f"{previous - START:7.3f} s  in all (after the interpreter started)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
