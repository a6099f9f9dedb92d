"""Floor: read a long table with pandas and take each series' first and last value."""

import sys

import pandas as pd

path = sys.argv[1]
frame = pd.read_parquet(path) if path.endswith(".parquet") else pd.read_csv(path)
ends = frame.sort_values("period").groupby(["zone", "indicator"])["value"].agg(["first", "last"])
print(len(ends))
