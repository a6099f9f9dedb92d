"""Floor: growth per series with pandas, the same work as duckdb_growth.py. Read a long
table (CSV or Parquet), take each series' (zone, indicator) first and last observation by
period, their change and multiple, and write them as CSV (stdout, or the file given second).

    python pandas_growth.py TABLE [OUT.csv]
"""

import sys

import pandas as pd

path = sys.argv[1]
frame = pd.read_parquet(path) if path.endswith(".parquet") else pd.read_csv(path)
ordered = frame.sort_values("period", kind="stable").groupby(["zone", "indicator"])
ends = ordered.agg(
    from_period=("period", "first"),
    to_period=("period", "last"),
    from_value=("value", "first"),
    to_value=("value", "last"),
)
ends["change"] = ends["to_value"] - ends["from_value"]
ends["multiple"] = (ends["to_value"] / ends["from_value"]).where(ends["from_value"] > 0)
ends.to_csv(sys.argv[2] if len(sys.argv) > 2 else sys.stdout)
