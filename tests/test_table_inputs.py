"""What a long table holds that a text format could not, and tables a reader cannot read:
each said the same way in every format and by either reader, at the line it is on."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from .conftest import ROOT

_BASE = {
    "zone": ["甲区", "甲区"],
    "indicator": ["parks", "parks"],
    "period": ["2019", "2021"],
    "value": [3.0, 5.0],
    "unit": ["个", "个"],
}
ENGINES = ["never", "always"]


def _parquet(tmp_path: Path, **columns: Any) -> Path:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({**_BASE, **columns}), path)
    return path


@pytest.mark.parametrize("engine", ENGINES)
def test_text_stored_as_bytes_is_read_as_utf8(
    cli: Callable[..., Any], tmp_path: Path, engine: str
) -> None:
    """Writers that leave text unmarked (plain BINARY) give the same table as text."""
    as_text = _parquet(tmp_path, quote=["产业园3个", "产业园5个"])
    expected = cli("export", "--csv", "-d", str(as_text)).stdout
    texts = {k: v for k, v in _BASE.items() if k not in ("value",)}
    as_bytes = {k: pa.array([x.encode() for x in v], pa.binary()) for k, v in texts.items()}
    quotes = pa.array(["产业园3个".encode(), "产业园5个".encode()], pa.binary())
    pq.write_table(pa.table({**as_bytes, "value": _BASE["value"], "quote": quotes}), as_text)
    env = {"ZONESTATS_ENGINE": engine}
    assert cli("export", "--csv", "-d", str(as_text), env=env).stdout == expected


@pytest.mark.parametrize("engine", ENGINES)
def test_bytes_that_are_not_utf8_are_refused_at_their_row(
    cli: Callable[..., Any], tmp_path: Path, engine: str
) -> None:
    quotes = pa.array(["产业园3个".encode(), "产业园5个".encode("gb18030")], pa.binary())
    path = _parquet(tmp_path, quote=quotes)
    result = cli("validate", str(path), expect=1, env={"ZONESTATS_ENGINE": engine})
    assert result.stdout.startswith(f"{path}:2: 'quote' is not UTF-8 text")
    assert "[not-utf8]" in result.stdout


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("column", "cells", "what"),
    [
        ("name", pa.array([None, ["产业园数"]]), "a list"),
        ("name", pa.array([None, {"zh": "产业园数"}]), "an object"),
        ("value", pa.array([[3.0], [5.0]]), "a list"),
    ],
)
def test_a_list_or_a_record_in_a_cell_is_no_single_value(
    cli: Callable[..., Any], tmp_path: Path, engine: str, column: str, cells: Any, what: str
) -> None:
    path = _parquet(tmp_path, **{column: cells})
    result = cli("validate", str(path), expect=1, env={"ZONESTATS_ENGINE": engine})
    row = 2 if cells[0].as_py() is None else 1
    expected = f"{path}:{row}: '{column}' must be a single value, not {what} [wrong-type]"
    assert result.stdout.strip() == expected


@pytest.mark.parametrize("engine", ENGINES)
def test_a_column_given_twice_is_said_alike_by_either_reader(
    cli: Callable[..., Any], tmp_path: Path, engine: str
) -> None:
    path = tmp_path / "t.parquet"
    table = pa.table(
        [*map(pa.array, _BASE.values()), pa.array(["乙区", "乙区"])], names=[*_BASE, "zone"]
    )
    pq.write_table(table, path)
    result = cli("validate", str(path), expect=1, env={"ZONESTATS_ENGINE": engine})
    assert result.stdout.strip() == (
        f"{path}:1: cannot read the table: the column 'zone' is given twice [unreadable-table]"
    )


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "periods",
    [
        pa.array([dt.date(2019, 6, 30), dt.date(2021, 6, 30)]),
        pa.array([dt.date(2019, 6, 30), dt.date(2021, 6, 30)], pa.date64()),
        pa.array([dt.datetime(2019, 6, 30), dt.datetime(2021, 6, 30)], pa.timestamp("ns")),
        pa.array(
            [dt.datetime(2019, 6, 29, 16), dt.datetime(2021, 6, 29, 16)],  # Beijing's midnight
            pa.timestamp("ms", tz="Asia/Shanghai"),
        ),
    ],
    ids=["date32", "date64", "pandas' dates", "Beijing's midnight"],
)
def test_a_date_column_is_read_as_dates(
    cli: Callable[..., Any], tmp_path: Path, engine: str, periods: pa.Array
) -> None:
    """A date written by pandas is a time at midnight; its clock is the time zone's own."""
    as_text = _parquet(
        tmp_path, period=["2019-06-30", "2021-06-30"], source_date=["2021-07-01"] * 2
    )
    expected = cli("compare", "--csv", "-d", str(as_text)).stdout
    path = _parquet(tmp_path, period=periods, source_date=pa.array([dt.date(2021, 7, 1)] * 2))
    env = {"ZONESTATS_ENGINE": engine}
    assert cli("compare", "--csv", "-d", str(path), env=env).stdout == expected
    assert ",2019-06-30,2021-06-30," in expected


@pytest.mark.parametrize("engine", ENGINES)
def test_a_time_of_day_is_no_period(cli: Callable[..., Any], tmp_path: Path, engine: str) -> None:
    times = pa.array(
        [dt.datetime(2019, 6, 30), dt.datetime(2021, 6, 30, 9, 30)], pa.timestamp("us")
    )
    path = _parquet(tmp_path, period=times)
    result = cli("validate", str(path), expect=1, env={"ZONESTATS_ENGINE": engine})
    assert result.stdout.startswith(f"{path}:2: 'period': period '2021-06-30 09:30:00' is not")
    assert result.stdout.count("[bad-period]") == 1


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("time", "text"),
    [
        (dt.datetime(1969, 12, 31, 23, 59, 59, 500000), "1969-12-31 23:59:59.500000"),
        (dt.datetime(2021, 6, 30, 0, 0, 0, 500), "2021-06-30 00:00:00.000500"),
        (dt.datetime(1969, 12, 31, 12), "1969-12-31 12:00:00"),
    ],
    ids=["before 1970, a fraction", "a fraction past midnight", "before 1970"],
)
def test_a_time_is_read_as_the_clock_shows_it(
    cli: Callable[..., Any], tmp_path: Path, engine: str, time: dt.datetime, text: str
) -> None:
    """A time is the text a text table would hold: its second not moved (1969-12-31
    23:59:59.5 is not 1970-01-01 00:00:00), its fraction not dropped (00:00:00.0005 is no
    midnight)."""
    path = _parquet(tmp_path, note=pa.array([time, None], pa.timestamp("us")))
    env = {"ZONESTATS_ENGINE": engine}
    written = cli("export", "--csv", "-d", str(path), env=env).stdout
    assert [row["note"] for row in csv.DictReader(io.StringIO(written))] == [text, ""]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_flag_is_no_number_in_parquet_as_in_json(
    cli: Callable[..., Any], tmp_path: Path, engine: str
) -> None:
    path = _parquet(tmp_path, value=[True, False])
    lines = tmp_path / "t.jsonl"
    lines.write_text(
        '{"zone":"甲区","indicator":"parks","period":"2019","value":true,"unit":"个"}\n'
        '{"zone":"甲区","indicator":"parks","period":"2021","value":false,"unit":"个"}\n',
        encoding="utf-8",
    )
    env = {"ZONESTATS_ENGINE": engine}
    by_parquet = cli("validate", str(path), expect=1, env=env).stdout
    by_json = cli("validate", str(lines), expect=1, env=env).stdout
    assert "value 'true' is not a number [not-a-number]" in by_parquet
    assert by_parquet.replace(str(path), str(lines)) == by_json


def test_a_list_in_json_lines_is_said_at_its_line(cli: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(
        '{"zone":"甲区","indicator":"parks","period":"2019","value":3,"unit":"个"}\n\n\n'
        '{"zone":"甲区","indicator":"parks","period":"2021","value":5,"unit":"个","name":["x"]}\n',
        encoding="utf-8",
    )
    result = cli("validate", str(path), expect=1)
    assert (
        result.stdout.strip() == f"{path}:4: 'name' must be a single value, not a list [wrong-type]"
    )


@pytest.mark.parametrize("suffix", ["jsonl", "json"])
def test_a_key_given_twice_in_a_record_is_refused(
    cli: Callable[..., Any], tmp_path: Path, suffix: str
) -> None:
    """As in a YAML dataset: the last would win, unseen."""
    good = '{"zone":"甲区","indicator":"parks","period":"2019","value":3,"unit":"个"}'
    record = good.replace('"unit"', '"name":{"zone":1},"zone":"乙区","unit"')  # the third
    records = [good, good.replace("2019", "2020"), record, good.replace("2019", "2021")]
    path = tmp_path / f"t.{suffix}"
    text = "\n".join(records) if suffix == "jsonl" else "[\n" + ",\n  ".join(records) + "]"
    path.write_text(text, encoding="utf-8")
    result = cli("validate", str(path), expect=1)
    expected = f"{path}:3: the key 'zone' is given twice in one record [duplicate-key]\n"
    assert result.stdout == expected


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            'zone,indicator,period,value,unit\n甲区,r,2020,1,家\n\n"乙\n区",r,2020,2,家\n'
            "甲区,r,2021,2,家,多\n",
            6,
            "a row of 6 cells, where the header has 5",
        ),
        (
            'zone,indicator,period,value,unit\n甲区,r,2020,1,家\n\n甲区,"r,2021,2,家\n'
            "甲区,r,2022,3,家\n",
            4,
            "a quote opened on this line is never closed",
        ),
        (
            'zone,indicator,period,value,unit\n甲区,r"x,2020,1,家\n"乙\n区",r,2020,2,家\n'
            "甲区,r,2021,2,家,多\n",
            5,
            "a row of 6 cells, where the header has 5",
        ),
        (
            'zone,indicator,period,value,unit\n甲区,r"x,2020,1,家\n甲区,"r,2021,2,家\n',
            3,
            "a quote opened on this line is never closed",
        ),
        (
            "zone,indicator,period,value,unit\n甲区,r,2020,1,家\n\n甲区,r,2021,2\n",
            4,
            "a row of 4 cells, where the header has 5",
        ),
        (
            "zone,indicator,period,value,unit\n甲区,r,2020,1,家,多\n甲区,r,2021,2,家\n",
            2,
            "a row of 6 cells, where the header has 5",
        ),
        (
            'zone,indicator,period,value,unit\n甲区,r,2020,1,家\n"甲\n区"\n',
            3,
            "a row of 1 cell, where the header has 5",
        ),
    ],
    ids=[
        "too many cells",
        "unclosed quote",
        "too many after a stray quote",
        "unclosed after one",
        "too few cells",
        "first row one cell more",
        "one cell",
    ],
)
def test_a_csv_that_cannot_be_read_says_so_at_the_line(
    cli: Callable[..., Any], tmp_path: Path, engine: str, text: str, line: int, message: str
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    result = cli("validate", str(path), expect=1, env={"ZONESTATS_ENGINE": engine})
    expected = f"{path}:{line}: cannot read the table: {message} [unreadable-table]"
    assert result.stdout.strip() == expected


@pytest.mark.parametrize("engine", ENGINES)
def test_a_quote_never_closed_past_the_first_rows_is_said_as_such(
    cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    """The engine reads rows a few at a time: a quote that opens after its first rows and
    never closes is a quote never closed, as reading the table whole says, not a short row
    (its cells run to the end of the file); a short row before it is named too."""
    from zonestats.io.engine import read as engine_read

    monkeypatch.setattr(engine_read, "CHUNK_ROWS", 2)
    path = tmp_path / "t.csv"
    rows = [f"甲区,r,{year},{year - 2015},家" for year in range(2016, 2022)]
    rows[1] = "甲区,r,2017,2"
    rows[4] = '甲区,"r,2020,5,家'
    path.write_text("zone,indicator,period,value,unit\n" + "\n".join(rows) + "\n", "utf-8")
    result = cli("validate", str(path), expect=1, env={"ZONESTATS_ENGINE": engine})
    assert result.stdout.splitlines() == [
        f"{path}:3: cannot read the table: a row of 4 cells, where the header has 5 "
        "[unreadable-table]",
        f"{path}:6: cannot read the table: a quote opened on this line is never closed "
        "[unreadable-table]",
    ]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_lines_ended_by_a_return_keep_an_empty_first_cell_after_a_blank_line(
    cli: Callable[..., Any], tmp_path: Path, engine: str, suffix: str
) -> None:
    """An old Mac's line ends (\\r alone): a row after a blank line whose first cell is empty
    keeps it, and its other cells stay in their columns."""
    separator = "\t" if suffix == ".tsv" else ","
    rows = [
        ["zone_id", "zone", "indicator", "period", "value", "unit"],
        ["jia", "甲区", "parks", "2019", "3", "个"],
        [],
        ["", "乙区", "parks", "2021", "5", "个"],
    ]
    plain = tmp_path / f"t{suffix}"
    plain.write_text("\n".join(separator.join(r) for r in rows) + "\n", encoding="utf-8")
    expected = cli("export", "--csv", "-d", str(plain)).stdout
    assert "\n乙区,parks,parks,parks,other,2021,5,个," in expected
    returns = tmp_path / f"r{suffix}"
    returns.write_bytes(plain.read_bytes().replace(b"\n", b"\r"))
    env = {"ZONESTATS_ENGINE": engine}
    assert cli("export", "--csv", "-d", str(returns), env=env).stdout == expected


@pytest.mark.parametrize("engine", ENGINES)
def test_a_zone_ending_with_a_space_is_no_second_zone(
    cli: Callable[..., Any], tmp_path: Path, engine: str
) -> None:
    """A spreadsheet's trailing space would split a zone's series in two, unseen."""
    path = tmp_path / "t.csv"
    path.write_text(
        "zone,indicator,period,value,unit\n甲区,r,2020,1,家\n甲区 ,r,2021,2,家\n", encoding="utf-8"
    )
    result = cli("validate", str(path), expect=1, env={"ZONESTATS_ENGINE": engine})
    assert result.stdout.strip() == (
        f"{path}:3: 'zone': '甲区 ' ends with a space: another name than the same without it "
        "[space-at-edge]"
    )


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("bom.csv", b"\xef\xbb\xbf", "empty-file"),
        ("blank.csv", b"\xef\xbb\xbf \r\n\n", "empty-file"),
        ("blank.jsonl", b"\n\n", "empty-file"),
        ("none.json", b"[]", "no-rows"),
    ],
)
def test_a_table_of_nothing_is_said_to_be(
    cli: Callable[..., Any], tmp_path: Path, name: str, data: bytes, code: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = cli("validate", str(path), expect=1)
    assert result.stdout.strip().endswith(f"[{code}]")
    assert result.stdout.count("\n") == 1


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("suffix", ["csv", "tsv"])
def test_a_header_naming_a_column_twice_is_refused(
    cli: Callable[..., Any], tmp_path: Path, engine: str, suffix: str
) -> None:
    """The reader would rename the second zone.1, a column no one wrote."""
    separator = "\t" if suffix == "tsv" else ","
    rows = [
        ["zone", "indicator", "period", "value", "unit", "zone"],
        ["甲区", "r", "2020", "1", "家", "乙区"],
    ]
    path = tmp_path / f"t.{suffix}"
    path.write_text("\n" + "".join(separator.join(r) + "\n" for r in rows), encoding="utf-8")
    result = cli("validate", str(path), expect=1, env={"ZONESTATS_ENGINE": engine})
    assert result.stdout.strip() == (
        f"{path}:2: cannot read the table: the column 'zone' is given twice [unreadable-table]"
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_every_row_of_another_width_is_named(
    cli: Callable[..., Any], tmp_path: Path, engine: str
) -> None:
    """A short row would be filled with empty cells by the reader: a cell lost unseen."""
    path = tmp_path / "t.tsv"
    rows = ["甲区\tr\t2020\t1\t家", "甲区\tr\t2021\t2", "甲区\tr\t2022\t3\t家\t\t", "\t"]
    path.write_text("zone\tindicator\tperiod\tvalue\tunit\n" + "\n".join(rows), encoding="utf-8")
    result = cli("validate", str(path), expect=1, env={"ZONESTATS_ENGINE": engine})
    assert result.stdout.splitlines() == [
        f"{path}:3: cannot read the table: a row of 4 cells, where the header has 5 "
        "[unreadable-table]",
        f"{path}:4: cannot read the table: a row of 7 cells, where the header has 5 "
        "[unreadable-table]",
        f"{path}:5: cannot read the table: a row of 2 cells, where the header has 5 "
        "[unreadable-table]",
    ]


def _table(tmp_path: Path, suffix: str) -> Path:
    """A small long table in one format (the rows of _BASE, a quote each)."""
    path = tmp_path / f"t{suffix}"
    rows = [dict(zip(_BASE, row, strict=True)) for row in zip(*_BASE.values(), strict=True)]
    if suffix == ".parquet":
        pq.write_table(pa.Table.from_pylist(rows), path)
    elif suffix in (".jsonl", ".json"):
        records = [json.dumps(row, ensure_ascii=False) for row in rows]
        text = "\n".join(records) if suffix == ".jsonl" else f"[{','.join(records)}]"
        path.write_text(text, encoding="utf-8")
    else:
        separator = "\t" if suffix == ".tsv" else ","
        lines = [separator.join(_BASE), *(separator.join(map(str, r.values())) for r in rows)]
        path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _gzip(path: Path) -> Path:
    packed = path.with_name(path.name + ".gz")
    packed.write_bytes(gzip.compress(path.read_bytes()))
    return packed


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".json", ".parquet"])
def test_a_table_compressed_with_gzip_is_the_table_it_holds(
    cli: Callable[..., Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    engine: str,
    suffix: str,
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    plain = _table(tmp_path, suffix)
    expected = cli("compare", "--csv", "-d", str(plain)).stdout
    packed = _gzip(plain)
    folder = tmp_path / "folder"
    folder.mkdir()
    packed.rename(folder / packed.name)
    env = {"ZONESTATS_ENGINE": engine}
    assert cli("compare", "--csv", "-d", str(folder), env=env).stdout == expected
    assert ",2019,2021,3,5," in expected
    assert not list(temporary.glob(f"zonestats-*{suffix}"))  # unpacked, then gone


@pytest.mark.parametrize("engine", ENGINES)
def test_a_problem_of_a_compressed_table_names_it_and_the_line(
    cli: Callable[..., Any], tmp_path: Path, engine: str
) -> None:
    plain = tmp_path / "t.csv"
    plain.write_text("zone,indicator,period,value,unit\n\n甲区,r,2020,many,家\n", encoding="utf-8")
    packed = _gzip(plain)
    result = cli("validate", str(packed), expect=1, env={"ZONESTATS_ENGINE": engine})
    assert result.stdout == f"{packed}:3: value 'many' is not a number [not-a-number]\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize(("suffix", "packed"), [(".csv", True), (".json", True), (".json", False)])
def test_a_table_from_a_named_pipe_is_read_once(
    cli: Callable[..., Any], tmp_path: Path, suffix: str, packed: bool
) -> None:
    """A pipe cannot be read from its start again: it is not sought back after its first
    bytes, nor opened again after a look into it (a .json: records or a dataset?), where
    it would wait for ever."""
    import threading

    plain = _table(tmp_path, suffix)
    expected = cli("compare", "--csv", "-d", str(plain)).stdout
    pipe = tmp_path / f"piped{suffix}{'.gz' if packed else ''}"
    os.mkfifo(pipe)
    data = gzip.compress(plain.read_bytes()) if packed else plain.read_bytes()
    writer = threading.Thread(target=pipe.write_bytes, args=(data,))
    writer.start()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "zonestats", "compare", "--csv", "-d", str(pipe)],
            capture_output=True,
            env=env,
            timeout=30,
        )
    finally:
        if writer.is_alive():  # the pipe never opened to be read: let the writer go
            os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))
        writer.join()
    assert done.stdout.decode("utf-8") == expected, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("data.json.gz", '{"schema_version": 1, "zones": []}'),
        ("data.yaml.gz", "schema_version: 1\nzones: []\n"),
    ],
)
def test_a_dataset_compressed_is_refused_with_what_to_do(
    cli: Callable[..., Any], tmp_path: Path, name: str, text: str
) -> None:
    """Only long tables are read compressed: a dataset's .json.gz or .yaml.gz is not said
    to have an extension zonestats does not read."""
    path = tmp_path / name
    path.write_bytes(gzip.compress(text.encode()))
    for named in (path, tmp_path):  # alone, or in a folder (not skipped unsaid)
        result = cli("validate", str(named), expect=1)
        assert result.stdout == (
            f"{path}: a dataset compressed with gzip: unpack it first (zcat); tables are read "
            "compressed (.csv.gz, and a .json.gz holding a list of records) "
            "[unknown-input-kind]\n"
        )


_SIGNALLED_WHILE_UNPACKED = """
import os, sys
from zonestats.cli.app import main
from zonestats.io import long_table

signum, table = int(sys.argv[1]), sys.argv[2]
source = long_table._source

def source_then_signal(path, name):
    found = source(path, name)
    os.kill(os.getpid(), signum)
    return found

long_table._source = source_then_signal
sys.argv = ["zonestats", "validate", table]
main()
"""


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_while_a_compressed_table_is_read_leaves_no_temporary_file(
    tmp_path: Path, engine: str, signum: int
) -> None:
    """The table a .gz file unpacks to (up to the input limit) is gone however the process
    ends; it ends as the signal says, quietly."""
    table = _gzip(_table(tmp_path, ".csv"))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", _SIGNALLED_WHILE_UNPACKED, str(int(signum)), str(table)],
        capture_output=True,
        env={**os.environ, "TMPDIR": str(temporary), "ZONESTATS_ENGINE": engine},
        timeout=60,
    )
    assert done.returncode == 128 + signum, done.stderr
    assert b"error" not in done.stderr
    assert list(temporary.iterdir()) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"zone,indicator\n", "not a gzip file, as its extension .gz says"),
        (b"", "the file is empty [empty-file]"),
        (gzip.compress(b""), "the file is empty [empty-file]"),
        (
            gzip.compress(b"zone,indicator,period,value,unit\n" * 1000)[:60],
            "cannot unpack the gzip file: it ends early",
        ),
        (
            gzip.compress(b"zone,indicator,period,value,unit\n" + b"0" * 2_000_000),
            "the table it holds is larger than the input limit of 1 MB",
        ),
    ],
    ids=["not gzip", "empty", "holding nothing", "cut short", "larger than the limit"],
)
def test_a_compressed_table_that_cannot_be_unpacked_says_why(
    cli: Callable[..., Any], tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "t.csv.gz"
    path.write_bytes(data)
    result = cli("--max-input", "1", "validate", str(path), expect=1)
    assert result.stdout.startswith(f"{path}: {message}")


@pytest.mark.parametrize("engine", ENGINES)
def test_every_line_of_json_lines_that_holds_no_record_is_named(
    cli: Callable[..., Any], tmp_path: Path, engine: str
) -> None:
    record = '{"zone":"甲区","indicator":"parks","period":"2019","value":3,"unit":"个"}'
    lines = [
        record,
        record.replace("2019", "2020")[:-1],
        "",
        '"' + "长" * 100_001 + '"',
        '["甲区"]',
        record.replace('"unit"', '"zone":"乙区","unit"'),
        record.replace("2019", "2021"),
    ]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = cli("validate", str(path), expect=1, env={"ZONESTATS_ENGINE": engine})
    said = [(line.split(": ")[0], line.rsplit(" ", 1)[1]) for line in result.stdout.splitlines()]
    assert said == [
        (f"{path}:2:{len(lines[1]) + 1}", "[unreadable-table]"),
        (f"{path}:4", "[cell-too-long]"),
        (f"{path}:5", "[unreadable-table]"),
        (f"{path}:6", "[duplicate-key]"),
    ]
