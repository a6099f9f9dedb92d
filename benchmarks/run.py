"""The zonestats benchmark: whole processes, timed against floors measured in the same run.

    python benchmarks/run.py [--runs 5] [--skip-peer] [--quick]

Generates its inputs under benchmarks/.data (YAML datasets of 1k, 10k and 100k indicators;
long tables of 100k and 1M observations as CSV and Parquet, and 1M with every value and
quote distinct as CSV), installs the peer (csvkit) in
benchmarks/.peer, runs every command after one warm-up, interleaved with its floor, and
reports the median time and peak memory of each as a ratio to the floor. Writes
benchmarks/RESULTS.md.
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
    times: list[float] = field(default_factory=list)
    memory: list[int] = field(default_factory=list)

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

    def runs_for(self, asked: int) -> int:
        return max(asked, self.runs)


def run_once(command: list[str]) -> tuple[float, int]:
    """Wall time and peak resident memory (bytes) of one process, its output discarded."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read().decode()}")
    return elapsed, usage.ru_maxrss * 1024


def compile_bytecode() -> None:
    """Compile zonestats to bytecode, as installing it does. Where PYTHONDONTWRITEBYTECODE is
    set, the warm-up writes none, and every timed run would otherwise compile what changed."""
    import compileall

    compileall.compile_dir(ROOT / "zonestats", quiet=1)


def measure(group: Group, runs: int) -> None:
    cases = [group.floor, *group.cases]
    for case in cases:  # warm-up: caches, bytecode
        run_once(case.command)
    for _ in range(group.runs_for(runs)):
        for case in cases:  # interleaved: each round sees the same machine
            elapsed, peak = run_once(case.command)
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
    for rows in (100_000,) if quick else (100_000, 1_000_000):
        csv_path = DATA / f"obs_{rows}.csv"
        if not csv_path.exists():
            print(f"generating {rows} observations", flush=True)
            generate(f"write_long(__import__('pathlib').Path({str(DATA)!r}), {rows})")
        for suffix in ("csv", "parquet"):
            candidate = DATA / f"obs_{rows}.{suffix}"
            if candidate.exists():
                paths[f"{suffix}_{rows}"] = candidate
    zones = DATA / "zones_300.csv"
    if not zones.exists():
        print("generating 300 zones side by side", flush=True)
        generate(f"write_many_zones(__import__('pathlib').Path({str(zones)!r}))")
    paths["zones_300"] = zones
    if not quick:
        distinct = DATA / "obs_distinct_1000000.csv"
        if not distinct.exists():
            print("generating 1000000 observations, every value distinct", flush=True)
            generate(f"write_long_distinct(__import__('pathlib').Path({str(DATA)!r}), 1000000)")
        paths["distinct_1000000"] = distinct
    return paths


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
            "Many zones side by side: 300 zones × 20 indicators × 10 years "
            "(floor: the same compare written as CSV)",
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
        lines += [
            f"## {group.title}",
            "",
            f"Median of {group.runs_for(runs)} runs.",
            "",
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
        lines.append("")
    extra = _scaling(all_groups)
    if extra:
        lines += ["## Scaling and peer", "", *extra, ""]
    return "\n".join(lines)


def _scaling(all_groups: list[Group]) -> list[str]:
    lines = []
    for group in all_groups:
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
        "--only", metavar="WORD", help="only the groups whose title holds WORD (no RESULTS.md)"
    )
    args = parser.parse_args()
    compile_bytecode()
    paths = prepare(args.quick)
    all_groups = groups(paths, args.skip_peer, args.quick)
    if args.only:
        all_groups = [g for g in all_groups if args.only.lower() in g.title.lower()]
    for group in all_groups:
        print(f"\n{group.title} ", end="", flush=True)
        measure(group, args.runs)
    text = report(all_groups, args.runs)
    print("\n\n" + text)
    if not args.quick and not args.only:
        (HERE / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
