"""Floor: growth per series with DuckDB. Read a long table (CSV, Parquet, or a glob of
Parquet files), take each series' (zone, indicator) first and last observation by period,
their change and multiple, and write them as CSV (stdout, or the file given second).

    python duckdb_growth.py TABLE [OUT.csv] [--memory-limit 500MB] [--threads N]
"""

import argparse
import tempfile

import duckdb

parser = argparse.ArgumentParser()
parser.add_argument("table")
parser.add_argument("out", nargs="?", default="/dev/stdout")
parser.add_argument("--memory-limit", help="DuckDB's memory_limit, e.g. 500MB")
parser.add_argument("--threads", type=int)
args = parser.parse_args()

con = duckdb.connect()
if args.memory_limit:  # what does not fit spills to the temporary folder
    con.execute(f"SET memory_limit = '{args.memory_limit}'")
    con.execute(f"SET temp_directory = '{tempfile.gettempdir()}/duckdb-floor-spill'")
if args.threads:
    con.execute(f"SET threads = {args.threads}")
path = args.table.replace("'", "''")
if args.table.endswith(".parquet"):
    source = f"read_parquet('{path}', hive_partitioning = false)"
else:
    source = f"read_csv('{path}')"
out = args.out.replace("'", "''")
con.execute(
    f"""
    COPY (
        SELECT zone, indicator, from_period, to_period, from_value, to_value,
               to_value - from_value AS change,
               CASE WHEN from_value > 0 THEN to_value / from_value END AS multiple
        FROM (
            SELECT zone, indicator,
                   min(period) AS from_period, max(period) AS to_period,
                   arg_min(value, period) AS from_value, arg_max(value, period) AS to_value
            FROM {source}
            GROUP BY zone, indicator
        )
        ORDER BY zone, indicator
    ) TO '{out}' (FORMAT csv, HEADER)
    """
)
