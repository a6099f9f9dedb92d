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

PARAGRAPHS = [
    "{y}年,{zone}在全国218个国家级开发区考核中从4年前的第126位跃升至{r}位。",
    "今年1月至5月,全区签约亿元项目总数{n}个,引进亿元以上工业项目{m}个,总投资约{b}亿元。",
    "从2008年落户到现在,冰箱产能从10万台提升到{c}万台,产值从1亿元提升至{o}亿元。",
    "去年,全镇建档立卡贫困人口{h}户{p}人全部脱贫出列,人均增收2000元以上。",
    "截至目前,全区共有{t}家高新技术企业,志愿服务队30多个,党员占比达90%以上。",
    "联系电话:0716-8123456  邮箱:office@example.com  鄂ICP备18025215号",
]


PROSE = [
    "园区坚持党建引领,围绕招商引资、项目建设、产业发展等中心工作,持续优化营商环境。",
    "各级党组织书记层层包挂联系重点项目,把党的建设贯穿于经济建设各个领域。",
    "企业党员立足岗位,不断优化制度、改革工艺流程、积极创新研发新产品。",
    "社区依托大党委,把为民办实事作为开展学习教育的落脚点,激活基层治理末梢神经。",
]


def make_report(path: Path, megabytes: float, dense: bool = False) -> None:
    lines = ["某开发区年度报道", "发布时间:2021-06-30 10:29  来源:示例网", ""]
    size, i = 0, 0
    target = int(megabytes * 1024 * 1024)
    while size < target:
        values = dict(
            y=2000 + i % 21, zone=f"第{i % 97}开发区", r=1 + i % 200, n=i % 90, m=i % 70,
            b=i % 500, c=100 + i % 900, o=2 + i % 90, h=1000 + i % 9000, p=3000 + i % 9000,
            t=i % 300,
        )  # fmt: skip
        line = PARAGRAPHS[i % len(PARAGRAPHS)].format(**values)
        if not dense:
            line += "".join(PROSE[(i + k) % len(PROSE)] for k in range(5))
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
        i += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


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
