"""How long `zonestats extract` takes on a 5 MB report, as a ratio to reading it.

The report mixes paragraphs full of figures with plain prose, at about the density of a real
zone report (the bundled one has a figure every 290 bytes); --dense drops the prose, the worst
case. The floor, measured in the same run: read the file, decode it and run one
regular-expression pass for digits over it.

Run: python benchmarks/extract_large.py [--megabytes 5] [--dense]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_report(path: Path, megabytes: float, dense: bool = False) -> None:
    from generate import write_report

    write_report(path, megabytes, dense)


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dense", action="store_true", help="figures only, no prose")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.txt"
        make_report(report, args.megabytes, args.dense)
        floor = [
            sys.executable,
            "-c",
            "import re,sys; t=open(sys.argv[1],encoding='utf-8').read(); "
            f"print(len(re.findall({re.compile(r'[0-9]+').pattern!r}, t)))",
            str(report),
        ]
        extract = [sys.executable, "-m", "zonestats", "extract", str(report), "--csv"]
        timed(floor), timed(extract)  # warm-up
        floors, extracts = [], []
        for _ in range(args.runs):  # interleaved, so both see the same machine
            floors.append(timed(floor))
            extracts.append(timed(extract))
        f, e = statistics.median(floors), statistics.median(extracts)
        size = report.stat().st_size / 1024 / 1024
        density = report.stat().st_size / max(
            1,
            int(
                subprocess.run(
                    [sys.executable, "-m", "zonestats", "extract", str(report), "--csv"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.count("\n")
                - 1
            ),
        )
        print(
            f"report: {size:.1f} MB, a figure every {density:.0f} bytes; "
            f"median of {args.runs} runs after a warm-up"
        )
        print(f"floor (read + one regex pass): {f:.2f} s")
        print(f"zonestats extract --csv:       {e:.2f} s  ({e / f:.1f}x the floor)")


if __name__ == "__main__":
    main()
