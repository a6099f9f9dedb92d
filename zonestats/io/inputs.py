"""Find, read and validate dataset files: bytes to text to YAML to a checked Dataset."""

from __future__ import annotations

import codecs
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from zonestats.errors import DataError, Problem
from zonestats.model.dataset import Dataset
from zonestats.model.fields import check

if TYPE_CHECKING:
    import pandas as pd

BUNDLED_NAME = "article.yaml"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def bundled_path() -> Path:
    """The dataset shipped with zonestats (data/article.yaml of the source tree)."""
    here = Path(__file__).resolve().parents[1]  # the zonestats package
    packaged = here / "data" / BUNDLED_NAME  # installed: the wheel puts it in the package
    if packaged.is_file():
        return packaged
    # Running from a source checkout: the dataset lives at the top of the repository.
    return here.parent / "data" / BUNDLED_NAME


def read_text(path: Path, reject_binary: bool = False) -> str:
    """A file's text as UTF-8 (a BOM is fine); a DataError that says why it cannot be read.

    With ``reject_binary``, a file with NUL bytes near its start is refused as binary.
    """
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError.at(Problem(name, "no such file")) from None
    except IsADirectoryError:
        raise DataError.at(Problem(name, "is a directory, not a file")) from None
    except PermissionError:
        raise DataError.at(Problem(name, "permission denied: cannot read the file")) from None
    except OSError as error:
        raise DataError.at(Problem(name, f"cannot read the file: {error.strerror}")) from None
    if reject_binary and b"\x00" in data[:8192] and not data.startswith(_UTF16_BOMS):
        raise DataError.at(Problem(name, "looks like a binary file, not text"))
    if data.startswith(_UTF16_BOMS):
        raise DataError.at(Problem(name, "the file is UTF-16; save it as UTF-8", 1, 1))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError.at(_not_utf8(name, data, error.start)) from None
    if not text.strip():
        raise DataError.at(Problem(name, "the file is empty"))
    return text


def _not_utf8(name: str, data: bytes, offset: int) -> Problem:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    message = f"not UTF-8 text (byte 0x{data[offset]:02X})"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return Problem(name, f"{message}; save the file as UTF-8", line, col)
    path = Path(name)
    converted = path.with_name(f"{path.stem}-utf8{path.suffix}")
    return Problem(
        name,
        f"{message}; the file looks like GBK/GB18030: convert it with "
        f"iconv -f GB18030 -t UTF-8 '{name}' > '{converted}'",
        line,
        col,
    )


def problems(path: Path) -> list[Problem]:
    """Every problem in a dataset file, in file order; empty when it is valid."""
    try:
        _, found = _parse(path)
    except DataError as error:
        return list(error.problems)
    return found


def load(path: str | Path | None = None) -> Dataset:
    """Read and validate a dataset; the bundled one when no path is given.

    Raises DataError listing every problem when the file is not a valid dataset.
    """
    dataset, found = _parse(Path(path) if path is not None else bundled_path())
    if found or dataset is None:
        raise DataError.from_problems(found)
    return dataset


def _parse(path: Path) -> tuple[Dataset | None, list[Problem]]:
    from zonestats.io.yaml_parser import collections_paused, read_yaml  # the parser, when needed

    name = str(path)
    raw, found = read_yaml(read_text(path), name)
    if raw is None:
        return None, found
    with collections_paused():
        dataset, invalid = check(raw, name)
    found = sorted(found + invalid, key=lambda p: (p.line or 0, p.col or 0))
    if dataset is None:
        return None, found
    return dataclasses.replace(dataset, path=path), found


def load_observations(path: str | Path | None = None) -> pd.DataFrame:
    """The observations table of a YAML dataset or of a long table (.csv, .tsv, .jsonl,
    .parquet, as `export` writes them); the bundled dataset when no path is given."""
    from zonestats.io.long_table import is_bulk, read_observations

    if path is not None and is_bulk(Path(path)):
        return read_observations(Path(path))
    return load(path).observations()
