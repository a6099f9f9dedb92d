"""Long tables through the engine (zonestats.io.engine): whatever the table, a command gives
what it gives when the whole table is read at once: the same output, the same problems, the
same exit code. The engine keeps only the rows a command needs; these tests are what says
that it keeps enough."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zonestats.io.engine.read as engine_read
from zonestats.analysis.growth import end_periods
from zonestats.io.engine.needed import Needs
from zonestats.io.inputs import check
from zonestats.model.period import span

from .fuzz.harness import examples

ZONES = [("青溪经开区", ""), ("白鹭高新区", "bailu"), ("白鹭区", "bailu"), ("红山园区", "")]
INDICATORS = {"gdp": "亿元", "firms": "家", "share": "%"}
PERIODS = ["2018", "2019", "2020", "2020-01/2020-12", "2021-06", "2021", "2022"]
QUALIFIERS = ["", "", "", "approx", "target", "at_least"]
SOURCES = [("甲报告", "2022-01-05"), ("乙报告", "2022-03-01"), ("", "")]
COLUMNS = [
    "zone", "zone_id", "indicator", "name", "category", "period", "value", "unit",
    "qualifier", "quote", "source_title", "source_date",
]  # fmt: skip

NAME_OF = {"gdp": "生产总值", "firms": "企业数", "share": "占比"}
CATEGORY_OF = {"gdp": "economy", "firms": "firms", "share": "economy"}


def _rare(common: st.SearchStrategy[Any], rare: Any, one_in: int) -> st.SearchStrategy[Any]:
    """Mostly ``common``; ``rare`` about once in ``one_in`` draws (bad values, definitions
    that differ: enough to meet them, few enough that most tables reach growth)."""
    marks = st.sampled_from([False] * (one_in - 1) + [True])  # as likely as any other draw
    return marks.flatmap(lambda is_rare: st.just(rare) if is_rare else common)


_ROW = st.tuples(
    st.sampled_from(ZONES),
    st.sampled_from(sorted(INDICATORS)),
    _rare(st.sampled_from(["", "own"]), "产值", 60),  # own: the indicator's name
    _rare(st.sampled_from(["", "own"]), "firms", 60),  # own: the indicator's category
    st.sampled_from(PERIODS),
    _rare(st.integers(1, 50), "many", 150),  # a value that is no number
    st.sampled_from(QUALIFIERS),
    st.sampled_from(SOURCES),
    _rare(st.just(False), True, 100),  # a unit of another indicator (a definition that differs)
)


def _observation(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """What makes two rows one observation of one report: zone (by id), indicator, the
    dates of the period, qualifier, report."""
    (zone, zone_id), indicator, _, _, period, _, qualifier, source, _ = row
    return (zone_id or zone, indicator, span(period), qualifier, source)


rows = st.one_of(  # half the tables give each observation once: most of those reach growth
    st.lists(_ROW, min_size=1, max_size=40, unique_by=_observation),
    st.lists(_ROW, min_size=1, max_size=40),
)
OPTIONS = [
    [],
    ["--from", "2019"],
    ["--to", "2021"],
    ["--from", "2019", "--to", "2021"],
    ["--at", "2020"],
    ["gdp", "firms"],
    ["--common"],
    ["--category", "economy"],
    ["--steps"],
]


def _write(folder: Path, drawn: list[tuple[Any, ...]], split: int, kind: str) -> list[Path]:
    """The rows as one or two tables (the second from row ``split`` on)."""
    records = []
    for (zone, zone_id), indicator, name, category, period, value, qualifier, source, odd in drawn:
        unit = "个" if odd else INDICATORS[indicator]
        name = NAME_OF[indicator] if name == "own" else name
        category = CATEGORY_OF[indicator] if category == "own" else category
        quote = f"{zone}{name}为{value}{unit}"
        records.append(
            [
                zone,
                zone_id,
                indicator,
                name,
                category,
                period,
                value,
                unit,
                qualifier,
                quote,
                *source,
            ]
        )
    parts = [records[:split], records[split:]] if 0 < split < len(records) else [records]
    paths = []
    for number, part in enumerate(parts):
        path = folder / f"t{number}.{kind}"
        if kind == "csv":
            with path.open("w", newline="", encoding="utf-8") as file:
                csv.writer(file).writerows([COLUMNS, *part])
        else:
            frame = pd.DataFrame(part, columns=COLUMNS).replace("", None)
            if (frame["value"] == "many").any():  # a column of numbers and words is text
                frame["value"] = frame["value"].astype(str)
            frame.to_parquet(path, index=False)
        paths.append(path)
    return paths


@settings(
    max_examples=examples(25, 1000),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    drawn=rows,
    split=st.integers(0, 40),
    kind=st.sampled_from(["csv", "parquet"]),
    options=st.sampled_from(OPTIONS),
    chunk=st.sampled_from([1, 3, 500_000]),
)
def test_compare_and_validate_through_the_engine_are_themselves(
    cli: Callable[..., Any],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    drawn: list[tuple[Any, ...]],
    split: int,
    kind: str,
    options: list[str],
    chunk: int,
) -> None:
    monkeypatch.setattr(engine_read, "CHUNK_ROWS", chunk)
    paths = _write(tmp_path_factory.mktemp("engine"), drawn, split, kind)
    data = [a for p in paths for a in ("-d", str(p))]
    commands = [["compare", *options, *data, *output] for output in (["--json"], [])]
    for args in [*commands, ["validate", *data]]:
        whole = cli(*args, expect=None, env={"ZONESTATS_ENGINE": "never"})
        engine = cli(*args, expect=None, env={"ZONESTATS_ENGINE": "always"})
        assert (engine.exit_code, engine.stdout, engine.stderr) == (
            whole.exit_code,
            whole.stdout,
            whole.stderr,
        )


def test_the_engine_keeps_only_the_rows_a_comparison_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each series gives its first and last period, and its rows of a period where another
    zone's series of the indicator ends (zones side by side look there); every problem is
    still found."""
    rows = [
        {"zone": zone, "indicator": "firms", "period": str(2010 + y), "value": y + 1, "unit": "家"}
        for zone, years in (("青溪经开区", 10), ("白鹭高新区", 6))
        for y in range(years)
    ]
    rows[4]["value"] = "many"
    path = tmp_path / "t.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    monkeypatch.setenv("ZONESTATS_ENGINE", "always")
    monkeypatch.setattr(engine_read, "CHUNK_ROWS", 3)
    dataset, problems = check([str(path)], Needs(ends=end_periods(None, None, None)))
    kept = dataset.observations()
    assert sorted(zip(kept["zone"], kept["period"], strict=True)) == [
        ("白鹭高新区", "2010"), ("白鹭高新区", "2015"),
        ("青溪经开区", "2010"), ("青溪经开区", "2015"), ("青溪经开区", "2019"),
    ]  # fmt: skip
    assert [(p.code, p.line) for p in problems] == [("not-a-number", 6)]


def test_a_table_is_read_whole_below_the_engine_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.csv"
    pd.DataFrame([{"indicator": "a", "period": "2020", "value": 1, "unit": "家"}]).to_csv(path)
    monkeypatch.delenv("ZONESTATS_ENGINE", raising=False)
    monkeypatch.delenv("ZONESTATS_MEMORY_LIMIT", raising=False)
    assert engine_read.engine_inputs([path]) == []
    monkeypatch.setattr(engine_read, "ENGINE_BYTES", 1)
    assert engine_read.engine_inputs([path]) == [path]


def test_a_parquet_table_counts_by_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parquet compresses a national table twentyfold: its rows, not its bytes, say how
    large it is."""
    path = tmp_path / "t.parquet"
    rows = [{"indicator": "a", "period": "2020", "value": 1.0, "unit": "家"}] * 3000
    pd.DataFrame(rows).to_parquet(path)
    monkeypatch.delenv("ZONESTATS_ENGINE", raising=False)
    monkeypatch.delenv("ZONESTATS_MEMORY_LIMIT", raising=False)
    monkeypatch.setattr(engine_read, "ENGINE_BYTES", 3000 * 100)
    assert path.stat().st_size < 3000 * 100
    assert engine_read.engine_inputs([path]) == [path]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--memory-limit", "lots"], "'lots': give a size such as 500MB or 2GB"),
        (["--memory-limit", "5 XB"], "'5 XB': give a size such as 500MB or 2GB"),
    ],
)
def test_a_memory_limit_is_a_size(cli: Callable[..., Any], args: list[str], message: str) -> None:
    result = cli(*args, "compare", expect=2)
    assert message in result.stderr


def test_a_memory_limit_from_the_environment_is_checked(cli: Callable[..., Any]) -> None:
    result = cli("compare", expect=1, env={"ZONESTATS_MEMORY_LIMIT": "much"})
    assert result.stderr.strip().endswith(
        "ZONESTATS_MEMORY_LIMIT='much': give a size such as 500MB or 2GB"
    )


def test_series_keep_the_order_of_their_first_rows_analysis_uses(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    """The first row of 甲区's firms is superseded by a later report; its next row still
    comes before any of plants, so firms come first, as when the table is read whole (the
    engine must keep that row, of no end of the series)."""
    rows = [
        ("firms", "2020", 10, "甲报告", "2022-01-05"),
        ("firms", "2019", 8, "甲报告", "2022-01-05"),
        ("plants", "2019", 5, "甲报告", "2022-01-05"),
        ("firms", "2020", 10, "乙报告", "2022-03-01"),
        ("firms", "2018", 6, "甲报告", "2022-01-05"),
        ("firms", "2021", 12, "甲报告", "2022-01-05"),
        ("plants", "2021", 7, "甲报告", "2022-01-05"),
    ]
    records = [
        {"zone": "甲区", "indicator": i, "period": p, "value": v, "unit": "家",
         "quote": f"甲区{v}家", "source_title": t, "source_date": d}
        for i, p, v, t, d in rows
    ]  # fmt: skip
    path = tmp_path / "t.csv"
    pd.DataFrame(records).to_csv(path, index=False)
    outputs = [
        cli("compare", "-d", str(path), "--csv", env={"ZONESTATS_ENGINE": engine}).stdout
        for engine in ("never", "always")
    ]
    assert [line.split(",")[0] for line in outputs[0].splitlines()[1:]] == ["firms", "plants"]
    assert outputs[1] == outputs[0]


def test_a_table_unreadable_past_its_first_rows_is_unreadable(
    cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row with a cell too many after the first table of rows: the file is unreadable, as
    when it is read whole, and the other inputs are still validated."""
    good = tmp_path / "good.csv"
    rows = [{"indicator": "a", "period": str(2010 + y), "value": y, "unit": "家"} for y in range(5)]
    pd.DataFrame(rows).to_csv(good, index=False)
    ragged = tmp_path / "ragged.csv"
    ragged.write_text(good.read_text(encoding="utf-8") + "a,2020,5,家,extra\n", encoding="utf-8")
    monkeypatch.setattr(engine_read, "CHUNK_ROWS", 2)
    results = [
        cli("validate", str(ragged), str(good), expect=1, env={"ZONESTATS_ENGINE": engine})
        for engine in ("never", "always")
    ]
    assert "[unreadable-table]" in results[0].stdout
    assert (results[1].stdout, results[1].stderr) == (results[0].stdout, results[0].stderr)


@pytest.mark.parametrize("size", ["500", "lots", "5 XB"])
def test_a_memory_limit_needs_a_unit(cli: Callable[..., Any], size: str) -> None:
    assert (
        "give a size such as 500MB or 2GB" in cli("--memory-limit", size, "list", expect=2).stderr
    )


def test_an_engine_past_its_memory_limit_says_so(cli: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    rows = [{"indicator": "a", "period": str(2010 + y), "value": y, "unit": "家"} for y in range(5)]
    pd.DataFrame(rows).to_csv(path, index=False)
    result = cli("--memory-limit", "1KB", "compare", "-d", str(path), expect=1)
    assert result.stderr.startswith("error: the engine for long tables failed (memory limit 1KB)")
    assert "Traceback" not in result.stderr


_SIGNALLED_IN_THE_ENGINE = """
import os, sys
from zonestats.cli.app import main
from zonestats.io.engine import store

signum, table = int(sys.argv[1]), sys.argv[2]
add = store.Store.add

def add_then_signal(self, *args):
    add(self, *args)
    assert os.listdir(self.folder) is not None  # the folder is there
    os.kill(os.getpid(), signum)

store.Store.add = add_then_signal
sys.argv = ["zonestats", "compare", "--csv", "-d", table]
main()
"""


_SIGNALLED_IN_A_QUERY = """
import os, sys, threading
from zonestats.cli.app import main
from zonestats.io.engine import read

signum, table = int(sys.argv[1]), sys.argv[2]

def long_query(store, *args):  # seconds: DuckDB stops it, or the signal waits for its end
    threading.Timer(0.3, os.kill, (os.getpid(), signum)).start()
    store.connection.execute("SELECT sum(range) FROM range(2000000000)").fetchall()
    return {}

read.needed_rows = long_query
sys.argv = ["zonestats", "compare", "--csv", "-d", table]
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
@pytest.mark.parametrize("where", ["between queries", "in a query"])
def test_a_signal_in_the_engine_leaves_no_temporary_folder(
    tmp_path: Path, signum: int, where: str
) -> None:
    """The process ends as the signal says (128 + its number; Ctrl-C 130), quietly, and the
    engine's folder is gone, whether the signal comes between queries or stops one."""
    table = tmp_path / "obs.csv"
    table.write_text("zone,indicator,period,value,unit\n甲区,gdp,2020,1,亿元\n", encoding="utf-8")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    script = _SIGNALLED_IN_THE_ENGINE if where == "between queries" else _SIGNALLED_IN_A_QUERY
    done = subprocess.run(
        [sys.executable, "-c", script, str(int(signum)), str(table)],
        capture_output=True,
        env={**os.environ, "TMPDIR": str(temporary), "ZONESTATS_ENGINE": "always"},
        timeout=60,
    )
    assert done.returncode == 128 + signum, done.stderr
    assert b"error" not in done.stderr
    assert list(temporary.iterdir()) == []


def test_reading_ahead_keeps_the_order_and_raises_where_the_reading_fails() -> None:
    import threading

    from zonestats.errors import DataError, Problem

    made: list[str] = []

    def chunks() -> Any:
        for number in range(3):
            made.append(threading.current_thread().name)
            yield (number,)
        raise DataError.at(Problem("t.csv", "unreadable-table", "cannot read the table: x"))

    got = []
    with pytest.raises(DataError, match="cannot read the table"):
        for item in engine_read.read_ahead(chunks()):
            got.append(item)
    assert got == [(0,), (1,), (2,)]  # every item before the failure, in order
    assert all(name.startswith("zonestats-read") for name in made)  # made in the thread
    early = engine_read.read_ahead(iter([(1,), (2,), (3,)]))
    assert next(early) == (1,)
    early.close()  # a reader that stops early ends the thread
    assert not [t for t in threading.enumerate() if t.name.startswith("zonestats-read")]
