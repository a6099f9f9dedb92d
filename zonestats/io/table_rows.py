"""Some rows of a CSV or TSV read alone: the rows a command needs of a table too large to
keep, found again by their lines without parsing every other row. The scan of the file's
records (zonestats.io.record_lines) says where each starts; the header's bytes and those of
the rows asked for are read as one small table."""

from __future__ import annotations

import io
import mmap
from pathlib import Path
from typing import TYPE_CHECKING

from zonestats.io.compressed import unpacked
from zonestats.io.kinds import kind_of
from zonestats.io.long_table import as_arrow_text, csv_options, with_partitions

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

_DELIMITED = {".csv": ",", ".tsv": "\t", ".tab": "\t"}


def read_rows(path: Path, lines: np.ndarray) -> tuple[pd.DataFrame, np.ndarray] | None:
    """The cells of the rows at these lines (sorted; lines of rows an earlier reading
    found), and their lines. None where they cannot be found alone: another format, a pipe,
    a quote the scan cannot follow, a file changed since; then read the table whole."""
    import pandas as pd

    from zonestats.io.record_lines import record_ranges

    separator = _DELIMITED.get(kind_of(path))
    if separator is None or not path.is_file() or not len(lines):
        return None
    with unpacked(path) as readable:
        ranges = record_ranges(readable, separator)
        if ranges is None:
            return None
        found, starts, stops, returns = ranges
        end = b"\r" if returns else b"\n"
        data = _gathered(readable, found, starts, stops, lines, end)
    if data is None:
        return None
    options = csv_options(separator)
    if returns:
        options["lineterminator"] = "\r"  # as the whole file is read (see long_table)
    cells = as_arrow_text(pd.read_csv(io.BytesIO(data), **options))
    return (with_partitions(cells, path), lines) if len(cells) == len(lines) else None


def _gathered(
    file: Path,
    found: np.ndarray,
    starts: np.ndarray,
    stops: np.ndarray,
    lines: np.ndarray,
    end: bytes,
) -> bytes | None:
    """The header's bytes and those of the records at ``lines``, each ending a line."""
    import numpy as np

    at = np.searchsorted(found, lines)
    if len(found) < 2 or at[0] < 1 or at[-1] >= len(found) or (found[at] != lines).any():
        return None  # the header's line, or none a record starts at: the file changed
    runs = np.flatnonzero(np.diff(at) != 1) + 1  # records one after another: read at once
    first, last = at[np.append(0, runs)], at[np.append(runs - 1, len(at) - 1)]
    with file.open("rb") as opened, mmap.mmap(opened.fileno(), 0, access=mmap.ACCESS_READ) as m:
        header = m[int(starts[0]) : int(stops[0])]
        spans = zip(starts[first].tolist(), stops[last].tolist(), strict=True)
        records = [m[a:b] for a, b in spans]
    if not header.endswith((b"\n", b"\r")):
        header += end
    if not records[-1].endswith((b"\n", b"\r")):  # the file's last record, unended
        records[-1] += end
    return header + b"".join(records)
