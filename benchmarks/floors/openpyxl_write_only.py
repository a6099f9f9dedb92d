"""Floor: write the cells of a table (read from the CSV that `zonestats export --csv` wrote
of it) to an .xlsx file with openpyxl's write-only mode: numbers as numbers, empty cells
empty, text as text."""

import math
import sys

import pandas as pd
from openpyxl import Workbook

frame = pd.read_csv(sys.argv[1], dtype=object, keep_default_na=False)
workbook = Workbook(write_only=True)
sheet = workbook.create_sheet(title="zonestats")
sheet.append(list(frame.columns))


def cell(text: str) -> object:
    if text == "":
        return None
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) and text[0] in "-0123456789" else text


for row in frame.itertuples(index=False, name=None):
    sheet.append([cell(value) for value in row])
workbook.save(sys.argv[2])
print(len(frame))
