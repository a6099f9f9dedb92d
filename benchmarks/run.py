"""The zonestats benchmark: whole processes, timed against floors measured in the same run.

    python benchmarks/run.py [--runs 5] [--skip-peer] [--quick] [--only WORDS [--update]]

Generates its inputs under benchmarks/.data (YAML datasets of 1k, 10k and 100k indicators;
long tables of 100k, 1M and 10M observations as CSV and Parquet, 1M split by year into
Parquet files (year=YYYY/part.parquet), and 1M with every value and quote distinct as CSV;
report texts: ordinary reports of 1 to 50 MB and texts no report is written like, at 1 and
10 MB), installs the peer (csvkit) in benchmarks/.peer, runs every command after one
warm-up, interleaved with its floor, and reports the median time and peak memory of each as
a ratio to the floor (for report texts, per MB of text). Writes benchmarks/RESULTS.md; with
--only and --update, only the sections of the groups run.

The groups "compare 1M vs DuckDB" and "compare 10M vs DuckDB" need DuckDB and Polars
(pip install -e '.[bench]'); without them they are left out.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"
PEER = HERE / ".peer"
FLOORS = HERE / "floors"
PY = sys.executable


@dataclass
class Case:
    label: str
    command: list[str]
    target: float | None = None  # the most this may cost, as a ratio to the floor
    memory_target: float | None = None
    expect: int = 0  # the exit code it ends with (verify finding a missing quote: 1)
    megabytes: float | None = None  # the size of the text it reads, for times per MB
    times: list[float] = field(default_factory=list)
    memory: list[int] = field(default_factory=list)
    figures: int | None = None  # rows of CSV it wrote (counted at the warm-up)

    @property
    def time(self) -> float:
        return statistics.median(self.times)

    @property
    def peak(self) -> float:
        return statistics.median(self.memory)


@dataclass
class Group:
    title: str
    floor: Case
    cases: list[Case]
    runs: int = 0  # at least this many runs: sub-second commands are noisier
    most: int | None = None  # at most this many (commands of minutes)
    warm_up: bool = True
    per_mb: bool = False  # times per MB of text; targets on the ratio per MB
    notes: list[str] = field(default_factory=list)
    # (case, the same on 10× less data, most time it may take as a multiple of that's):
    # how each scales, said below the table
    scaling: list[tuple[str, str, float | None]] = field(default_factory=list)

    def runs_for(self, asked: int) -> int:
        runs = max(asked, self.runs)
        return min(runs, self.most) if self.most else runs


def run_once(command: list[str], expect: int = 0, lines: bool = False) -> tuple[float, int, int]:
    """Wall time and peak resident memory (bytes) of one process, its output discarded (or,
    with `lines`, counted in lines), and the lines."""
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=output if lines else subprocess.DEVNULL, stderr=errors, cwd=ROOT
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != expect:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read().decode()}")
        count = 0
        if lines:
            output.seek(0)
            count = sum(chunk.count(b"\n") for chunk in iter(lambda: output.read(1 << 20), b""))
    return elapsed, usage.ru_maxrss * 1024, count


def compile_bytecode() -> None:
    """Compile zonestats to bytecode, as installing it does. Where PYTHONDONTWRITEBYTECODE is
    set, the warm-up writes none, and every timed run would otherwise compile what changed."""
    import compileall

    compileall.compile_dir(ROOT / "zonestats", quiet=1)


def measure(group: Group, runs: int) -> None:
    cases = [group.floor, *group.cases]
    for case in cases if group.warm_up else ():  # warm-up: caches, bytecode
        counting = group.per_mb and "--csv" in case.command
        _, _, lines = run_once(case.command, case.expect, lines=counting)
        if counting:
            case.figures = max(0, lines - 1)  # the header
    for _ in range(group.runs_for(runs)):
        for case in cases:  # interleaved: each round sees the same machine
            elapsed, peak, _ = run_once(case.command, case.expect)
            case.times.append(elapsed)
            case.memory.append(peak)
        print(".", end="", flush=True)


def generate(call: str) -> None:
    """Run a generator in its own process: the harness stays small, so that the processes it
    forks do not start with its memory."""
    subprocess.run([PY, "-c", f"import generate; generate.{call}"], cwd=HERE, check=True)


def prepare(quick: bool) -> dict[str, Path]:
    DATA.mkdir(exist_ok=True)
    paths: dict[str, Path] = {}
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    for size in sizes:
        path = DATA / f"indicators_{size}.yaml"
        if not path.exists():
            print(f"generating {path.name}", flush=True)
            generate(f"write_yaml(__import__('pathlib').Path({str(path)!r}), {size})")
        paths[f"yaml_{size}"] = path
    for rows in (100_000,) if quick else (100_000, 1_000_000, 10_000_000):
        csv_path = DATA / f"obs_{rows}.csv"
        if not csv_path.exists():
            print(f"generating {rows} observations (10M: a minute or two)", flush=True)
            generate(f"write_long(__import__('pathlib').Path({str(DATA)!r}), {rows})")
        for suffix in ("csv", "parquet"):
            candidate = DATA / f"obs_{rows}.{suffix}"
            if candidate.exists():
                paths[f"{suffix}_{rows}"] = candidate
    by_year = DATA / "obs_1000000_by_year"
    if "parquet_1000000" in paths and not (by_year / "year=2024" / "part.parquet").exists():
        print("splitting 1000000 observations into a Parquet file per year", flush=True)
        source = paths["parquet_1000000"]
        generate(
            f"write_partitioned(__import__('pathlib').Path({str(source)!r}), "
            f"__import__('pathlib').Path({str(by_year)!r}))"
        )
    if by_year.exists():
        paths["by_year_1000000"] = by_year
    zones = DATA / "zones_300x30.csv"
    if not zones.exists():
        print("generating 300 zones over 30 years", flush=True)
        generate(f"write_many_zones(__import__('pathlib').Path({str(zones)!r}))")
    paths["zones_300"] = zones
    if not quick:
        distinct = DATA / "obs_distinct_1000000.csv"
        if not distinct.exists():
            print("generating 1000000 observations, every value distinct", flush=True)
            generate(f"write_long_distinct(__import__('pathlib').Path({str(DATA)!r}), 1000000)")
        paths["distinct_1000000"] = distinct
    paths.update(prepare_texts(quick))
    return paths


TEXT_SIZES = (1, 10)  # MB of each pathological text (1 only with --quick)
PUBLISHED = "2021-06-30"  # texts without a date are read with this one


def prepare_texts(quick: bool) -> dict[str, Path]:
    """Report texts: ordinary reports, the pathological texts at each size, the verify cases."""
    import generate as texts

    folder = DATA / "texts"
    folder.mkdir(exist_ok=True)
    paths: dict[str, Path] = {}
    sizes = TEXT_SIZES[:1] if quick else TEXT_SIZES
    for size in (*sizes, *(() if quick else (5, 50))):
        path = folder / f"ordinary_{size}.txt"
        if not path.exists():
            print(f"generating an ordinary report of {size} MB", flush=True)
            generate(f"write_report(__import__('pathlib').Path({str(path)!r}), {size})")
        paths[f"ordinary_{size}"] = path
    for size in sizes:
        for name in texts.PATHOLOGICAL:
            path = folder / f"{name}_{size}.txt"
            if not path.exists():
                print(f"generating {name} of {size} MB", flush=True)
                generate(
                    f"write_pathological(__import__('pathlib').Path({str(path)!r}), "
                    f"{name!r}, {size})"
                )
            paths[f"{name}_{size}"] = path
    for key, size, digits in (("verify_ordinary", 2, False), ("verify_digits", 1.9, True)):
        case = folder / key
        if not (case / "missing.yaml").exists():
            case.mkdir(exist_ok=True)
            print(f"generating the verify case {key}", flush=True)
            generate(
                f"write_verify_case(__import__('pathlib').Path({str(case)!r}), {size}, {digits})"
            )
        paths[key] = case
    reports = folder / "reports_1000"
    if not (reports / "report_0999.txt").exists():
        print("generating 1,000 reports of 10 KB", flush=True)
        generate(f"write_reports(__import__('pathlib').Path({str(reports)!r}), 1000)")
    paths["reports_1000"] = reports
    return paths


def prepare_export(paths: dict[str, Path]) -> Path | None:
    """The 1M-observation table as `zonestats export --csv` writes it: the cells the XLSX
    floor writes. None without openpyxl (no XLSX case then)."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        print("openpyxl is not installed: no XLSX case", flush=True)
        return None
    source = paths.get("csv_1000000")
    if source is None:
        return None
    path = DATA / "export_1000000.csv"
    if not path.exists():
        print("writing the export of 1,000,000 observations as CSV", flush=True)
        subprocess.run(
            [PY, "-m", "zonestats", "export", "--csv", "-d", str(source), "-o", str(path)],
            check=True,
            cwd=ROOT,
        )
    return path


def peer() -> str | None:
    """csvstat from csvkit, in the benchmark's own environment (not a zonestats dependency)."""
    csvstat = PEER / "bin" / "csvstat"
    if not csvstat.exists():
        print("installing csvkit for the peer comparison", flush=True)
        subprocess.run([PY, "-m", "venv", str(PEER)], check=True)
        result = subprocess.run(
            [str(PEER / "bin" / "pip"), "install", "--quiet", "csvkit"], check=False
        )
        if result.returncode != 0 or not csvstat.exists():
            return None
    return str(csvstat)


def groups(paths: dict[str, Path], skip_peer: bool, quick: bool) -> list[Group]:
    zs = [PY, "-m", "zonestats"]
    floor = lambda name, *args: Case(f"floor: {name}", [PY, str(FLOORS / name), *args])  # noqa: E731
    result = [
        Group(
            "Start-up and browsing, bundled data (floor: a minimal Typer app)",
            floor("typer_minimal.py"),
            [
                Case("zonestats --version", [*zs, "--version"], 1.25),
                Case("zonestats --help", [*zs, "--help"], 1.25),
                Case("zonestats list", [*zs, "list"], 1.25),
                Case("zonestats show national_rank", [*zs, "show", "national_rank"], 1.25),
                Case("zonestats validate", [*zs, "validate"], 1.25),
                Case("zonestats schema", [*zs, "schema"], 1.25),
            ],
            runs=15,
        ),
        Group(
            "Analysis, bundled data (floor: Typer importing rich.table, yaml, pandas)",
            floor("typer_pandas.py"),
            [
                Case("zonestats summary", [*zs, "summary"], 1.15),
                Case("zonestats compare", [*zs, "compare"], 1.15),
                Case("zonestats export", [*zs, "export"], 1.15),
            ],
            runs=9,
        ),
    ]
    big_yaml = paths.get("yaml_100000") or paths["yaml_10000"]
    size = big_yaml.stem.split("_")[1]
    result.append(
        Group(
            f"YAML at scale: {size} indicators (floor: raw CSafeLoader parse, GC frozen)",
            floor("yaml_c.py", str(big_yaml)),
            [
                Case(
                    f"zonestats compare --csv, {size} indicators",
                    [*zs, "compare", "--csv", "-d", str(big_yaml)],
                    1.3,
                ),
                Case(f"zonestats validate, {size} indicators", [*zs, "validate", str(big_yaml)]),
            ],
        )
    )
    rows = "1000000" if not quick else "100000"
    for suffix in ("csv", "parquet"):
        key = f"{suffix}_{rows}"
        if key not in paths:
            continue
        cases = [
            Case(
                f"zonestats compare --csv, {int(rows):,} observations ({suffix})",
                [*zs, "compare", "--csv", "-d", str(paths[key])],
                2.0,
                2.0,
            )
        ]
        small = paths.get(f"{suffix}_100000")
        if small is not None and rows != "100000":
            cases.append(
                Case(
                    f"zonestats compare --csv, 100,000 observations ({suffix})",
                    [*zs, "compare", "--csv", "-d", str(small)],
                )
            )
        result.append(
            Group(
                f"Bulk input: {int(rows):,} observations as {suffix} "
                "(floor: pandas read + groupby first/last)",
                floor("pandas_groupby.py", str(paths[key])),
                cases,
            )
        )
    zones = str(paths["zones_300"])
    result.append(
        Group(
            "Many zones: 300 zones × 20 indicators × 30 years, 180,000 observations "
            "(floor: pandas read + groupby first/last)",
            floor("pandas_groupby.py", zones),
            [
                Case(
                    "zonestats compare --csv (300 zones)",
                    [*zs, "compare", "--csv", "-d", zones],
                    2.0,
                ),
                Case(
                    "zonestats panel --csv (300 zones, 2 indicators)",
                    [*zs, "panel", "indicator_0", "indicator_1", "--csv", "-d", zones],
                ),
            ],
        )
    )
    result.append(
        Group(
            "Many zones side by side: the same table (floor: the same compare written as CSV)",
            Case("floor: zonestats compare --csv", [*zs, "compare", "--csv", "-d", zones]),
            [Case("zonestats compare (table, 300 zones)", [*zs, "compare", "-d", zones], 1.5)],
        )
    )
    if "distinct_1000000" in paths:
        distinct = str(paths["distinct_1000000"])
        result.append(
            Group(
                "Bulk input, every value and quote distinct: 1,000,000 observations as csv "
                "(floor: pandas read + groupby first/last; no target, a harder table)",
                floor("pandas_groupby.py", distinct),
                [
                    Case(
                        "zonestats compare --csv, 1,000,000 distinct observations (csv)",
                        [*zs, "compare", "--csv", "-d", distinct],
                    )
                ],
            )
        )
    result += engine_groups(paths, quick)
    result += text_groups(paths, quick)
    export = prepare_export(paths) if not quick else None
    if export is not None:
        result.append(
            Group(
                "XLSX export: 1,000,000 observations (floor: openpyxl's write-only mode "
                "writing the same cells, read from the export's CSV)",
                Case(
                    "floor: openpyxl_write_only.py",
                    [PY, str(FLOORS / "openpyxl_write_only.py"), str(export), XLSX_FLOOR_OUT],
                ),
                [
                    Case(
                        "zonestats export -o .xlsx, 1,000,000 observations",
                        [*zs, "export", "-d", str(paths["csv_1000000"]), "-o", XLSX_OUT],
                    )
                ],
                most=1,
                warm_up=False,
                notes=["One run each, no warm-up: each takes minutes."],
            )
        )
    if not skip_peer:
        csvstat = peer()
        if csvstat is not None:
            csv_path = paths[f"csv_{rows}"]
            result.append(
                Group(
                    f"Peer: csvstat on the same {int(rows):,}-row CSV "
                    "(floor: zonestats compare --csv on it)",
                    Case(
                        "floor: zonestats compare --csv",
                        [*zs, "compare", "--csv", "-d", str(csv_path)],
                    ),
                    [Case("csvstat (csvkit)", [csvstat, str(csv_path)])],
                )
            )
    return result


ENGINE_FLOOR = "DuckDB read + per-series first/last by period, change, multiple, written as CSV"


def engine_versions() -> str | None:
    """DuckDB's and Polars' versions, or None (and a note) when either is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"DuckDB {version('duckdb')}, Polars {version('polars')}"
    except PackageNotFoundError:
        print("duckdb or polars is not installed: no groups against DuckDB", flush=True)
        return None


def engine_groups(paths: dict[str, Path], quick: bool) -> list[Group]:
    """compare against a columnar engine doing the same growth: DuckDB as the floor, Polars
    and pandas doing the same work as references; 1M observations as CSV, as Parquet and as
    Parquet split by year, and 10M (time to grow at most linearly from 1M)."""
    versions = engine_versions()
    if versions is None or quick:
        return []
    zs = [PY, "-m", "zonestats"]
    script = lambda name, *args: [PY, str(FLOORS / name), *args]  # noqa: E731
    same = (
        f"{versions}. Floors and references write the same CSV (zone, indicator, from_period, "
        "to_period, from_value, to_value, change, multiple: byte for byte the same file); "
        "`compare --csv` writes every growth column."
    )
    result = []
    for suffix in ("csv", "parquet"):
        key = f"{suffix}_1000000"
        if key not in paths:
            continue
        table = str(paths[key])
        result.append(
            Group(
                f"compare 1M vs DuckDB: 1,000,000 observations as {suffix} (floor: {ENGINE_FLOOR})",
                Case("floor: duckdb_growth.py", script("duckdb_growth.py", table)),
                [
                    Case(
                        f"zonestats compare --csv, 1,000,000 observations ({suffix})",
                        [*zs, "compare", "--csv", "-d", table],
                        1.5,
                        2.0,
                    ),
                    Case(
                        f"zonestats --memory-limit 4GB compare --csv (the engine), ({suffix})",
                        [*zs, "--memory-limit", "4GB", "compare", "--csv", "-d", table],
                    ),
                    Case("reference: polars_growth.py", script("polars_growth.py", table)),
                    Case("reference: pandas_growth.py", script("pandas_growth.py", table)),
                ],
                notes=[
                    same,
                    "A table of 1M observations (under 256 MB) is read whole; `--memory-limit` "
                    "sends it through the engine (every row checked a table of 500,000 at a "
                    "time, the key columns in DuckDB, the rows of each series' ends read again).",
                ],
            )
        )
    if "by_year_1000000" in paths:
        folder = paths["by_year_1000000"]
        pattern = str(folder / "year=*" / "*.parquet")
        result.append(
            Group(
                "compare 1M vs DuckDB: partitioned Parquet, 1,000,000 observations in 30 files "
                "year=YYYY/part.parquet (floor: the same DuckDB query reading the glob)",
                Case(
                    "floor: duckdb_growth.py 'year=*/*.parquet'",
                    script("duckdb_growth.py", pattern),
                ),
                [
                    Case(
                        "zonestats compare --csv -d 'year=*/*.parquet'",
                        [*zs, "compare", "--csv", "-d", pattern],
                    ),
                    Case(
                        "reference: duckdb_growth.py, the same rows in one file",
                        script("duckdb_growth.py", str(paths["parquet_1000000"])),
                    ),
                ],
                notes=[
                    f"{versions}. zonestats reads the glob today: each of the 30 files is read "
                    "and checked on its own and the tables concatenated; its CSV is the same, "
                    "byte for byte, as from the single file. No target yet: the engine's are "
                    "those of the single Parquet file (1.5× the time, 2× the memory)."
                ],
            )
        )
    if "parquet_1000000" in paths:
        result.append(_jsonl_export(str(paths["parquet_1000000"]), zs, versions))
        result.append(_national_commands(str(paths["parquet_1000000"]), zs))
    result += _ten_million(paths, versions)
    return result


def _national_commands(table: str, zs: list[str]) -> Group:
    """Every command people run on a national table, against reading and checking it."""
    out = Path(tempfile.gettempdir())
    commands = [
        ("list", ["list"], 1.5),
        ("show s0", ["show", "s0"], 1.5),
        ("summary", ["summary"], 2.5),
        ("panel s0 --csv", ["panel", "s0", "--csv"], 1.5),
        ("compare --steps --csv", ["compare", "--steps", "--csv"], 6.0),
        ("chart -o .svg", ["chart", "-o", str(out / "zonestats-benchmark-chart.svg")], 2.0),
        ("report -o .html", ["report", "-o", str(out / "zonestats-benchmark-report.html")], 6.0),
    ]
    return Group(
        "A national table: 1,000,000 observations as Parquet, 230 zones, 33,333 series "
        "(floor: zonestats validate on it, reading and checking every row)",
        Case("floor: zonestats validate", [*zs, "validate", "-d", table]),
        [
            Case(f"zonestats {label}", [*zs, *args, "-d", table], target)
            for label, args, target in commands
        ],
        notes=[
            "Before this table was measured, on the same machine: list 3.8 s, show 3.5 s, "
            "summary 6.0 s, compare --steps 9.0 s, chart -o .svg 251 s, report -o .html over "
            "2 minutes (119 s on 100,000 observations). Off a terminal, list, show and summary "
            "print 1,000 rows of each table; chart draws 30 bars or 20 lines; the report draws "
            "6 rank charts and lists 500 figures a category. The targets guard what this "
            "reached (set after measuring it, with headroom): `compare --steps` writes 967,000 "
            "rows, and `report` draws 7 charts with matplotlib."
        ],
    )


def _jsonl_export(table: str, zs: list[str], versions: str) -> Group:
    """JSON Lines of 1M observations: zonestats export against DuckDB's COPY of the table."""
    return Group(
        "export 1M as JSONL: 1,000,000 observations from Parquet (floor: DuckDB's COPY of the "
        "table, FORMAT json)",
        Case("floor: duckdb_jsonl.py", [PY, str(FLOORS / "duckdb_jsonl.py"), table]),
        [
            Case(
                "zonestats export --format jsonl", [*zs, "export", "--format", "jsonl", "-d", table]
            ),
            Case("reference: zonestats export --csv", [*zs, "export", "--csv", "-d", table]),
        ],
        notes=[
            f"{versions}. The floor writes the table's own columns as DuckDB's JSON (no spaces, "
            "values as stored); zonestats checks every row first and writes every export column "
            "(24, the sources' included) as json.dumps does, column by column "
            "(zonestats/output/json_rows.py): 488 MB against the floor's 266 MB."
        ],
    )


def _ten_million(paths: dict[str, Path], versions: str) -> list[Group]:
    """10M observations: compare against the floor, and each against itself on 1M (10× the
    rows in at most 11× the time); the floor under a memory limit smaller than the table."""
    zs = [PY, "-m", "zonestats"]
    script = lambda name, *args: [PY, str(FLOORS / name), *args]  # noqa: E731
    result = []
    for suffix in ("parquet", "csv"):
        big, small = paths.get(f"{suffix}_10000000"), paths.get(f"{suffix}_1000000")
        if big is None or small is None:
            continue
        size = f"{big.stat().st_size / 2**20:,.0f} MiB"
        # The 10M CSV is past the default input limit (an option of zonestats, not the command)
        bigger = ["--max-input", "2000"]
        result.append(
            Group(
                f"compare 10M vs DuckDB: 10,000,000 observations as {suffix} "
                f"(floor: {ENGINE_FLOOR})",
                Case("floor: duckdb_growth.py", script("duckdb_growth.py", str(big))),
                [
                    Case(
                        f"zonestats compare --csv, 10,000,000 observations ({suffix})",
                        [*zs, *bigger, "compare", "--csv", "-d", str(big)],
                        1.5,
                    ),
                    Case(
                        f"zonestats compare --csv, 1,000,000 observations ({suffix})",
                        [*zs, "compare", "--csv", "-d", str(small)],
                    ),
                    Case(
                        f"zonestats --memory-limit 500MB compare --csv, 10M ({suffix})",
                        [
                            *zs,
                            *bigger,
                            "--memory-limit",
                            "500MB",
                            "compare",
                            "--csv",
                            "-d",
                            str(big),
                        ],
                    ),
                    Case(
                        f"zonestats --memory-limit 4GB compare --csv, 1M, the engine ({suffix})",
                        [*zs, "--memory-limit", "4GB", "compare", "--csv", "-d", str(small)],
                    ),
                    Case(
                        "reference: duckdb_growth.py, memory_limit 500MB, 10M",
                        script("duckdb_growth.py", str(big), "--memory-limit", "500MB"),
                    ),
                    Case(
                        "reference: duckdb_growth.py, 1,000,000 observations",
                        script("duckdb_growth.py", str(small)),
                    ),
                    Case("reference: polars_growth.py, 10M", script("polars_growth.py", str(big))),
                ],
                runs=3,
                most=3,
                scaling=[
                    (
                        f"zonestats compare --csv, 10,000,000 observations ({suffix})",
                        f"zonestats --memory-limit 4GB compare --csv, 1M, the engine ({suffix})",
                        11.0,
                    ),
                    (
                        f"zonestats compare --csv, 10,000,000 observations ({suffix})",
                        f"zonestats compare --csv, 1,000,000 observations ({suffix})",
                        None,
                    ),
                    (
                        "floor: duckdb_growth.py",
                        "reference: duckdb_growth.py, 1,000,000 observations",
                        None,
                    ),
                ],
                notes=[
                    f"{versions}. The file: {size}. 10M observations (over 256 MB) go through "
                    "the engine; the scaling below the table sets them beside the engine on 1M "
                    "(target for compare: 10× the rows in at most 11× the time) and beside 1M "
                    "read whole. The memory-limited runs (zonestats and the DuckDB floor) "
                    "finish with less memory than the table takes.",
                ],
            )
        )
    return result


XLSX_OUT = str(Path(tempfile.gettempdir()) / "zonestats-benchmark-export.xlsx")
XLSX_FLOOR_OUT = str(Path(tempfile.gettempdir()) / "zonestats-benchmark-floor.xlsx")


def text_groups(paths: dict[str, Path], quick: bool) -> list[Group]:
    """Report texts: extract on each pathological text against an ordinary report of the same
    size, verify's closest passage, and a draft of 50 MB against one of 5 MB."""
    import generate as texts

    zs = [PY, "-m", "zonestats"]

    def extract(path: Path, *options: str) -> list[str]:
        return [*zs, "extract", str(path), "--published", PUBLISHED, *options]

    def megabytes(path: Path) -> float:
        return path.stat().st_size / 2**20

    result = []
    for size in TEXT_SIZES[:1] if quick else TEXT_SIZES:
        ordinary = paths[f"ordinary_{size}"]
        cases = [
            Case(
                label,
                extract(paths[f"{name}_{size}"], "--csv"),
                target=3.0,
                megabytes=megabytes(paths[f"{name}_{size}"]),
            )
            for name, (label, _) in texts.PATHOLOGICAL.items()
        ]
        result.append(
            Group(
                f"Pathological texts, {size} MB each (floor: zonestats extract --csv on an "
                f"ordinary report of {size} MB)",
                Case(
                    "floor: ordinary report",
                    extract(ordinary, "--csv"),
                    megabytes=megabytes(ordinary),
                ),
                cases,
                per_mb=True,
                notes=[
                    "Times are whole processes (start-up included) per MB of text; the "
                    "ratio is to the ordinary report's time per MB; figures are the rows "
                    "extract wrote. A text of figures only holds some thirty times the "
                    "figures of a report per MB, and each is a row to write: its time per "
                    "figure (below the table) is the one to compare.",
                ],
            )
        )
    for key, what in (
        ("verify_ordinary", "an ordinary report of 2 MB"),
        ("verify_digits", "a report of 1.9 MB of one digit repeated"),
    ):
        case = paths[key]
        verify = [*zs, "verify", "--source", str(case / "report.txt")]
        result.append(
            Group(
                f"Pathological texts: verify's closest passage, one quote missing from {what} "
                "(floor: the same verify, every quote found)",
                Case("floor: every quote found", [*verify, str(case / "quoted.yaml")]),
                [
                    Case(
                        "zonestats verify, one quote missing",
                        [*verify, str(case / "missing.yaml")],
                        target=2.0,
                        expect=1,
                    )
                ],
            )
        )
    result += _many_reports(paths["reports_1000"], zs)
    if not quick:
        small, large = paths["ordinary_5"], paths["ordinary_50"]
        result.append(
            Group(
                "Large report: extract's draft (YAML) of a 50 MB report "
                "(floor: the same draft of a 5 MB report)",
                Case("floor: draft of 5 MB", extract(small), megabytes=megabytes(small)),
                [
                    Case(
                        "zonestats extract, draft of 50 MB",
                        extract(large),
                        target=1.1,
                        megabytes=megabytes(large),
                    )
                ],
                per_mb=True,
                runs=3,
                most=3,
                notes=[
                    "Target: 10× the text in at most 11× the time (1.1× the time per MB).",
                ],
            )
        )
    return result


MANY_OUT = str(Path(tempfile.gettempdir()) / "zonestats-benchmark-many.csv")
ONE_BY_ONE = 100  # reports extracted one process each (the floor of the second group)


def _many_reports(folder: Path, zs: list[str]) -> list[Group]:
    """extract over 1,000 reports: on two cores against one, and against one process a
    report (timed on ONE_BY_ONE of them: a thousand take minutes)."""
    batch = [*zs, "extract", str(folder), "--csv", "-o", MANY_OUT]
    first = sorted(folder.glob("*.txt"))[:ONE_BY_ONE]
    loop = " ".join(f"'{p}'" for p in first)
    one_by_one = f'for f in {loop}; do {PY} -m zonestats extract "$f" --csv >/dev/null; done'
    return [
        Group(
            "Many reports: extract over 1,000 reports of 10 KB into one CSV "
            "(floor: the same on one core, --jobs 1)",
            Case("floor: --jobs 1", [*batch, "--jobs", "1"]),
            [Case("zonestats extract --jobs 2", [*batch, "--jobs", "2"], target=1 / 1.7)],
            notes=["Target: at least 1.7× faster on 2 cores than on 1 (a ratio of 0.59)."],
        ),
        Group(
            f"Many reports: extract over 1,000 reports in one process (floor: one process "
            f"a report, over {ONE_BY_ONE} of them)",
            Case(f"floor: {ONE_BY_ONE} processes", ["bash", "-c", one_by_one]),
            [
                Case(
                    "zonestats extract, 1,000 reports, --jobs 2",
                    [*batch, "--jobs", "2"],
                    target=1000 / ONE_BY_ONE / 50,
                )
            ],
            runs=1,
            most=3,
            notes=[
                f"The floor extracts {ONE_BY_ONE} reports, one process each; the case "
                f"extracts {1000 // ONE_BY_ONE}× as many. Target: at least 50× faster than a "
                f"process a report, a ratio of at most {1000 / ONE_BY_ONE / 50:.2f}.",
            ],
        ),
    ]


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    versions = subprocess.run(
        [PY, "-c", "import pandas, yaml; print(pandas.__version__, yaml.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{memory}"
        f"{', ' + model if model else ''}; Python {platform.python_version()}, "
        f"pandas {versions[0]}, PyYAML {versions[1]}"
    )


def report(all_groups: list[Group], runs: int) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}.  ",
        f"Date: {datetime.date.today().isoformat()}. Medians of at least {runs} runs after a "
        "warm-up (more for the sub-second commands, whose noise is larger), commands "
        "interleaved with their floor; times are whole processes.",
        "Made by `python benchmarks/run.py`.",
        "",
    ]
    for group in all_groups:
        lines += section(group, runs)
    extra = _scaling(all_groups)
    if extra:
        lines += ["## Scaling and peer", "", *extra, ""]
    return "\n".join(lines)


def section(group: Group, runs: int, dated: bool = False) -> list[str]:
    """A group's section of RESULTS.md: its title, how it was run, its table."""
    when = f", {datetime.date.today().isoformat()}" if dated else ""
    lines = [f"## {group.title}", "", f"Median of {group.runs_for(runs)} runs{when}."]
    lines += ["", *group.notes, ""] if group.notes else [""]
    if group.per_mb:
        return lines + _per_mb_table(group) + [""]
    lines += [
        "| command | time | × floor | target | peak memory | × floor | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    floor = group.floor
    for case in [floor, *group.cases]:
        ratio = case.time / floor.time
        memory_ratio = case.peak / floor.peak
        verdict = ""
        if case.target is not None:
            verdict = f"≤ {case.target:g}× {'✓' if ratio <= case.target else '✗'}"
        memory_verdict = ""
        if case.memory_target is not None:
            ok = memory_ratio <= case.memory_target
            memory_verdict = f"≤ {case.memory_target:g}× {'✓' if ok else '✗'}"
        lines.append(
            f"| {case.label} | {case.time:.3f} s | {ratio:.2f} | {verdict} | "
            f"{case.peak / 2**20:.0f} MiB | {memory_ratio:.2f} | {memory_verdict} |"
        )
    scaled = _group_scaling(group)
    return lines + (["", *scaled] if scaled else []) + [""]


def _group_scaling(group: Group) -> list[str]:
    """How each case of a group's scaling pairs grows from its 10× smaller one."""
    cases = {case.label: case for case in [group.floor, *group.cases]}
    lines = []
    for big, small, target in group.scaling:
        if big not in cases or small not in cases:
            continue
        ratio = cases[big].time / cases[small].time
        verdict = f" (target ≤ {target:g}×) {'✓' if ratio <= target else '✗'}" if target else ""
        lines.append(
            f"- {big}: 10× the rows cost {ratio:.1f}× the time of “{small}”{verdict}, "
            f"{cases[big].peak / cases[small].peak:.1f}× the memory."
        )
    return lines


def _per_mb_table(group: Group) -> list[str]:
    """Times per MB of text, as ratios to the floor's time per MB."""
    lines = [
        "| text | size | figures | time | per MB | × floor per MB | target | peak memory "
        "| MiB per MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    floor = group.floor
    assert floor.megabytes
    floor_rate = floor.time / floor.megabytes
    for case in [floor, *group.cases]:
        assert case.megabytes
        rate = case.time / case.megabytes
        ratio = rate / floor_rate
        verdict = ""
        if case.target is not None:
            verdict = f"≤ {case.target:g}× {'✓' if ratio <= case.target else '✗'}"
        figures = "" if case.figures is None else f"{case.figures:,}"
        lines.append(
            f"| {case.label} | {case.megabytes:.2f} MB | {figures} | {case.time:.2f} s | "
            f"{rate:.2f} s | {ratio:.2f} | {verdict} | {case.peak / 2**20:.0f} MiB | "
            f"{case.peak / 2**20 / case.megabytes:.1f} |"
        )
    dense = [c for c in group.cases if c.figures and floor.figures]
    if dense:
        per_figure = floor.time / max(1, floor.figures or 1) * 1e6
        worst = max(dense, key=lambda c: c.figures or 0)
        lines += [
            "",
            f"Per figure: {worst.time / (worst.figures or 1) * 1e6:.0f} µs for "
            f"“{worst.label}” ({(worst.figures or 0) / (worst.megabytes or 1):,.0f} figures "
            f"per MB), {per_figure:.0f} µs for the ordinary report "
            f"({(floor.figures or 0) / floor.megabytes:,.0f} figures per MB).",
        ]
    return lines


def update(path: Path, all_groups: list[Group], runs: int) -> str:
    """RESULTS.md with the sections of these groups put in place of the sections of the same
    titles (or added before the scaling section), the others kept as they are."""
    text = path.read_text(encoding="utf-8") if path.exists() else report([], runs)
    parts = text.split("\n## ")
    head, sections = parts[0], ["## " + part for part in parts[1:]]
    for group in all_groups:
        new = "\n".join(section(group, runs, dated=True)).rstrip("\n") + "\n"
        title = f"## {group.title}\n"
        at = next((i for i, old in enumerate(sections) if old.startswith(title)), None)
        if at is not None:
            sections[at] = new
            continue
        last = next((i for i, old in enumerate(sections) if old.startswith("## Scaling")), None)
        sections.insert(len(sections) if last is None else last, new)
    return "\n".join([head.rstrip("\n") + "\n", *sections]).rstrip("\n") + "\n"


def _scaling(all_groups: list[Group]) -> list[str]:
    lines = []
    for group in all_groups:
        lines += _group_scaling(group)
        big = next((c for c in group.cases if "1,000,000 observations" in c.label), None)
        small = next((c for c in group.cases if "100,000 observations" in c.label), None)
        if big and small:
            ratio = big.time / small.time
            verdict = "✓" if ratio <= 11 else "✗"
            lines.append(
                f"- {big.label}: 10× the data costs {ratio:.1f}× the time (target ≤ 11×) {verdict}"
            )
        if group.title.startswith("Peer"):
            peer_case = group.cases[0]
            ratio = peer_case.time / group.floor.time
            verdict = "✓" if ratio >= 20 else "✗"
            lines.append(
                f"- csvstat takes {peer_case.time:.1f} s, zonestats compare "
                f"{group.floor.time:.2f} s: {ratio:.0f}× faster (target ≥ 20×) {verdict}"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        help="timed runs per command (default 5; start-up takes at least 15, analysis 9)",
    )
    parser.add_argument("--skip-peer", action="store_true", help="leave out csvstat")
    parser.add_argument("--quick", action="store_true", help="small inputs only, for a try-out")
    parser.add_argument(
        "--only",
        metavar="WORDS",
        help="only the groups whose title holds one of these words (comma-separated); "
        "RESULTS.md is left alone unless --update",
    )
    parser.add_argument(
        "--update",
        action="store_true",
        help="with --only: put the sections of the groups run into RESULTS.md, keep the rest",
    )
    args = parser.parse_args()
    compile_bytecode()
    paths = prepare(args.quick)
    all_groups = groups(paths, args.skip_peer, args.quick)
    if args.only:
        words = [word.strip().lower() for word in args.only.split(",") if word.strip()]
        all_groups = [g for g in all_groups if any(w in g.title.lower() for w in words)]
    for group in all_groups:
        print(f"\n{group.title} ", end="", flush=True)
        measure(group, args.runs)
    text = report(all_groups, args.runs)
    print("\n\n" + text)
    results = HERE / "RESULTS.md"
    if args.only and args.update and not args.quick:
        results.write_text(update(results, all_groups, args.runs), encoding="utf-8")
    elif not args.quick and not args.only:
        results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
