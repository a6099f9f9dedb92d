"""Read a long table of observations (.csv, .tsv, .jsonl, .parquet, or .json as a list of
records, as `export` writes them) into a DataFrame of its cells, for zonestats.io.columns
to check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from zonestats.errors import DataError, Problem, ZonestatsError

if TYPE_CHECKING:
    import pandas as pd

SUFFIXES = (".csv", ".tsv", ".tab", ".jsonl", ".ndjson", ".parquet")


def is_long_table(path: Path) -> bool:
    """Whether an input is a table of observations rather than a YAML dataset: by its
    extension, or for .json by what it holds (a list of records, not a dataset's mapping)."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            with path.open("rb") as file:
                start = file.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
        except OSError:
            return False
        return start.startswith(b"[")
    return suffix in SUFFIXES


def read_cells(path: Path) -> tuple[pd.DataFrame, int]:
    """The file as a table of cells, and the line number of its first data row (a text
    table's header is line 1)."""
    import pandas as pd

    name = str(path)
    if not path.exists():
        raise DataError.at(Problem(name, "file-not-found", "no such file"))
    if path.is_dir():
        raise DataError.at(Problem(name, "not-a-file", "is a directory, not a file"))
    if path.stat().st_size == 0:
        raise DataError.at(Problem(name, "empty-file", "the file is empty"))
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return _read_parquet(path), 1
        if suffix in (".jsonl", ".ndjson", ".json"):
            return _read_json(path, lines=suffix != ".json"), 1
        return _read_delimited(path, "\t" if suffix in (".tsv", ".tab") else ","), 2
    except UnicodeDecodeError as error:
        from zonestats.io.text import read_text

        read_text(path)  # says where, and whether the file looks like GB18030
        problem = Problem(name, "not-utf8", f"not UTF-8 text: {error.reason}")
        raise DataError.at(problem) from None
    except (ValueError, pd.errors.ParserError) as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable"
        problem = Problem(name, "unreadable-table", f"cannot read the table: {message}")
        raise DataError.at(problem) from None
    except OSError as error:
        problem = Problem(name, "unreadable-file", f"cannot read the file: {error.strerror}")
        raise DataError.at(problem) from None


def _read_delimited(path: Path, separator: str) -> pd.DataFrame:
    import pandas as pd

    options: dict[str, Any] = {
        "sep": separator,
        "keep_default_na": False,  # only an empty cell is missing: "NA" is text
        "na_values": [""],
        "encoding": "utf-8-sig",
    }
    # Only the period must not be read as a number; other text columns are read as text
    # anyway, and one that is not (a zone named 1001) is turned back later.
    types = {"period": "str", "value": "float64", "out_of": "float64"}
    try:
        frame: pd.DataFrame = pd.read_csv(path, dtype=types, **options)
    except pd.errors.ParserError:
        raise
    except ValueError:
        # A number that is not one: read it as text, so the checks can say which row.
        frame = pd.read_csv(path, dtype=str, **options)
    return frame


def _read_json(path: Path, lines: bool) -> pd.DataFrame:
    import pandas as pd

    return pd.read_json(path, lines=lines, dtype=False, encoding="utf-8-sig")


def _read_parquet(path: Path) -> pd.DataFrame:
    import pandas as pd

    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ZonestatsError(
            f"{path}: reading .parquet needs pyarrow: pip install 'zonestats[parquet]'"
        ) from None
    try:
        return pd.read_parquet(path)
    except Exception as error:  # pyarrow raises its own types for damaged files
        problem = Problem(str(path), "unreadable-table", f"cannot read the Parquet file: {error}")
        raise DataError.at(problem) from None
