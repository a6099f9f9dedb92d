"""Exports of datasets with hostile text: what `export` writes as CSV, TSV or XLSX reads
back with the same rows and the same cell texts, and no text cell can run as a formula."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import assume

import zonestats
from zonestats.model.table import COLUMNS

from . import strategies as S
from .harness import cli, fuzz, scratch, tolerated

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet runs as a formula at the start of a text cell (README: Output options)."""

NUMERIC = ("value", "out_of")


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _neutralised(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def _loaded(mutated: S.Mutated, folder: Path) -> tuple[Path, pd.DataFrame]:
    path = mutated.write(folder)
    dataset = tolerated(zonestats.load, path)
    assume(dataset is not None)
    assert dataset is not None
    return path, dataset.observations(merged=False).reset_index(drop=True)


def _same_cells(read: pd.DataFrame, expected: pd.DataFrame, how: str) -> None:
    assert list(read.columns) == list(COLUMNS), f"{how}: columns {list(read.columns)}"
    assert len(read) == len(expected), (
        f"{how}: {len(read)} rows read back, {len(expected)} exported"
    )
    for column in COLUMNS:
        for row, (got, want) in enumerate(
            zip(read[column].tolist(), expected[column].tolist(), strict=True)
        ):
            where = f"{how}: row {row + 1}, {column}"
            if column in NUMERIC:
                if _missing(want):
                    assert got == "", f"{where}: {got!r} for nothing"
                else:
                    assert float(got) == float(want), f"{where}: {got!r} for {want!r}"
                continue
            text = "" if _missing(want) else str(want)
            assert not got.startswith(FORMULA_START), f"{where}: {got!r} runs as a formula"
            assert got == _neutralised(text), f"{where}: {got!r} read back for {text!r}"


@fuzz(short=10, long=1_000, mutated=S.hostile_text_inputs())
def test_csv_and_tsv_exports_read_back_the_same(mutated: S.Mutated) -> None:
    with scratch() as folder:
        path, expected = _loaded(mutated, folder)
        options = {"dtype": str, "keep_default_na": False, "encoding": "utf-8-sig"}
        for target, separator, extra in (
            (folder / "export.csv", ",", ()),
            (folder / "export.tsv", "\t", ()),
            (folder / "bom.csv", ",", ("--bom",)),
        ):
            cli("export", "-d", path, "-o", target, *extra)
            _same_cells(pd.read_csv(target, sep=separator, **options), expected, target.name)
        result = cli("export", "-d", path, "--csv")
        read = pd.read_csv(io.BytesIO(result.stdout_bytes), **options)
        _same_cells(read, expected, "export --csv to stdout")


def _xlsx_can_hold(text: str) -> bool:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return not ILLEGAL_CHARACTERS_RE.search(text) and len(text) <= 32_767


@fuzz(short=10, long=1_000, mutated=S.hostile_text_inputs())
def test_xlsx_exports_read_back_the_same(mutated: S.Mutated) -> None:
    """The same for a workbook, but for characters a workbook cannot hold, which zonestats
    writes escaped: such a cell is text, and not a formula."""
    from openpyxl import load_workbook

    with scratch() as folder:
        path, expected = _loaded(mutated, folder)
        target = folder / "export.xlsx"
        cli("export", "-d", path, "-o", target)
        sheet = load_workbook(target, read_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == list(COLUMNS)
        assert len(rows) - 1 == len(expected), (
            f"{len(rows) - 1} rows read back, {len(expected)} exported"
        )
        for number, cells in enumerate(rows[1:]):
            row = [*cells, *[None] * (len(COLUMNS) - len(cells))]  # empty cells at the end
            for column, got in zip(COLUMNS, row, strict=True):
                want = expected.at[number, column]
                where = f"row {number + 2}, {column}"
                if column in NUMERIC:
                    assert (got is None) if _missing(want) else got == float(want), (
                        f"{where}: {got!r} for {want!r}"
                    )
                    continue
                if _missing(want):
                    assert got in (None, ""), f"{where}: {got!r} for nothing"
                    continue
                assert isinstance(got, str), f"{where}: {got!r} for {want!r}"
                assert not got.startswith(FORMULA_START), f"{where}: {got!r} runs as a formula"
                if _xlsx_can_hold(str(want)):
                    # A workbook's XML keeps no CR: a line break it is, in every reader
                    shown = _neutralised(str(want)).replace("\r\n", "\n").replace("\r", "\n")
                    assert got == shown, f"{where}: {got!r} read back for {want!r}"
