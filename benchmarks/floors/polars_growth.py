"""Floor: growth per series with Polars. Read a long table (CSV or Parquet), take each
series' (zone, indicator) first and last observation by period, their change and
multiple, and write them as CSV (stdout, or the file given second).

    python polars_growth.py TABLE [OUT.csv]
"""

import sys

import polars as pl

path = sys.argv[1]
frame = pl.scan_parquet(path) if path.endswith(".parquet") else pl.scan_csv(path)
ends = (
    frame.group_by("zone", "indicator")
    .agg(
        pl.col("period").min().alias("from_period"),
        pl.col("period").max().alias("to_period"),
        pl.col("value").sort_by("period").first().alias("from_value"),
        pl.col("value").sort_by("period").last().alias("to_value"),
    )
    .with_columns(
        (pl.col("to_value") - pl.col("from_value")).alias("change"),
        pl.when(pl.col("from_value") > 0)
        .then(pl.col("to_value") / pl.col("from_value"))
        .alias("multiple"),
    )
    .sort("zone", "indicator")
    .collect()
)
if len(sys.argv) > 2:
    ends.write_csv(sys.argv[2])
else:
    sys.stdout.write(ends.write_csv())
