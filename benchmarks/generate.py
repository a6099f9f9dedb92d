"""Synthetic inputs in zonestats' own formats, for the benchmarks.

YAML datasets of N indicators with 2-5 observations each, written the way reports write
figures (123个, 45.6亿元, 第12位, 100多家, 90%以上), and long tables of observations for
many zones over many years, as `zonestats export` writes them (.csv and .parquet; Parquet
also split by year into a hive-style folder, year=YYYY/part.parquet).

Report texts: an ordinary report of any size (paragraphs of figures among plain prose, at
about the density of a real zone report), and texts no report is written like, which
`extract` must still read in time that grows with their size (PATHOLOGICAL).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

UNITS = ("个", "家", "项", "亿元", "万元", "万台", "名", "%", "位")
CATEGORIES = ("industry", "investment", "innovation", "party_building", "community", "ranking")


def _figure(rng: random.Random, unit: str) -> tuple[str, str]:
    """A figure as written and the indicator's unit (亿元 is counted in 元)."""
    if unit == "位":
        return f"第{rng.randint(1, 230)}位", "位"
    if unit == "%":
        return f"{rng.randint(1, 99)}%" + ("以上" if rng.random() < 0.2 else ""), "%"
    if unit in ("亿元", "万元", "万台"):
        number = round(rng.uniform(1, 900), rng.choice((0, 1, 2)))
        text = f"{number:g}"
        return f"{text}{unit}", unit[-1]
    number = rng.randint(2, 5000)
    return f"{number}" + ("多" if rng.random() < 0.1 else "") + unit, unit


def write_yaml(path: Path, indicators: int, seed: int = 1) -> None:
    """A dataset of `indicators` indicators with 2-5 observations each."""
    rng = random.Random(seed)
    lines = [
        "schema_version: 1",
        "zone:",
        "  name: 基准开发区",
        "  name_en: Benchmark Development Zone",
        "  province: 湖北省",
        "  level: national",
        "source:",
        "  title: 基准开发区统计公报",
        "  publisher: 基准日报",
        '  date: "2021-06-30"',
        "indicators:",
    ]
    for i in range(indicators):
        unit = UNITS[i % len(UNITS)]
        category = "ranking" if unit == "位" else CATEGORIES[i % (len(CATEGORIES) - 1)]
        first_year = rng.randint(1995, 2015)
        count = rng.randint(2, 5)
        written = [_figure(rng, unit) for _ in range(count)]
        lines += [
            f"  - id: indicator_{i}",
            f"    name: 指标{i}",
            f"    name_en: Indicator {i}",
            f"    category: {category}",
            f'    unit: "{written[0][1]}"',
        ]
        if unit == "位":
            lines += ["    better: lower", "    out_of: 230"]
        lines.append("    observations:")
        for k, (text, _) in enumerate(written):
            lines += [
                f'      - period: "{first_year + k}"',
                f"        value: {text}",
                f"        quote: {first_year + k}年全区指标{i}达{text}",
            ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def long_table(observations: int, seed: int = 1, distinct: bool = False) -> object:
    """A pandas DataFrame of about `observations` rows in the observations table's columns.

    Values repeat (a few thousand per unit) and each quote is its value's; with `distinct`,
    every value but a rank and every quote is the row's own, as in reports' own sentences.
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    years = 30
    series = observations // years
    zone = rng.integers(0, 230, series)
    unit_codes = np.arange(series) % 4
    units = np.array(["个", "家", "元", "位"])[unit_codes]
    rows = np.repeat(np.arange(series), years)
    period = np.tile(np.arange(1995, 1995 + years), series)
    value = rng.integers(1, 5000, series * years).astype("float64")
    if distinct:
        value = np.arange(1, series * years + 1, dtype="float64")
    value[units[rows] == "元"] *= 10_000
    value[units[rows] == "位"] = rng.integers(1, 231, int((units[rows] == "位").sum()))
    unit = units[rows]
    written = pd.Series(value).map("{:.0f}".format).to_numpy(dtype=object) + unit
    quote = "全区" + pd.Series(written)
    if distinct:
        said = pd.Series(zone[rows]).map("开发区{}".format) + pd.Series(period.astype(str))
        quote = said + "年指标" + pd.Series(rows).astype(str) + "为" + pd.Series(written)
    frame = pd.DataFrame(
        {
            "zone": pd.Series(zone[rows]).map("开发区{}".format),
            "indicator": pd.Series(rows).map("s{}".format),  # one id per zone's series
            "name": "指标" + pd.Series(rows % 97).astype(str),
            "name_en": "Indicator",
            "category": np.where(unit == "位", "ranking", "industry"),
            "period": period.astype(str),
            "value": value,
            "unit": unit,
            "qualifier": "exact",
            "written": written,
            "quote": quote,
            "period_note": None,
            "better": np.where(unit == "位", "lower", "higher"),
            "out_of": pd.array(np.where(unit == "位", 230, pd.NA), dtype="Int64"),
        }
    )
    return frame


def write_long(folder: Path, observations: int) -> dict[str, Path]:
    """The long table as .csv and .parquet (when pyarrow is there); their paths by suffix."""
    frame = long_table(observations)
    paths = {"csv": folder / f"obs_{observations}.csv"}
    frame.to_csv(paths["csv"], index=False)  # type: ignore[attr-defined]
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return paths
    paths["parquet"] = folder / f"obs_{observations}.parquet"
    frame.to_parquet(paths["parquet"], index=False)  # type: ignore[attr-defined]
    return paths


def write_partitioned(source: Path, folder: Path) -> Path:
    """The long table of a Parquet file split by year, one file per year in a hive-style
    folder (folder/year=YYYY/part.parquet); each file keeps every column, period too."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(source)
    periods = table.column("period")
    for year in sorted(set(periods.to_pylist())):
        part = folder / f"year={year}"
        part.mkdir(parents=True, exist_ok=True)
        pq.write_table(table.filter(pc.equal(periods, year)), part / "part.parquet")
    return folder


def write_long_distinct(folder: Path, observations: int) -> Path:
    """The long table with every value and quote distinct, as .csv."""
    path = folder / f"obs_distinct_{observations}.csv"
    long_table(observations, distinct=True).to_csv(path, index=False)  # type: ignore[attr-defined]
    return path


def write_many_zones(path: Path, zones: int = 300, indicators: int = 20, years: int = 30) -> None:
    """A long table of many zones with the same indicators over the same years, as a
    national panel is: every zone side by side in compare's table. One figure in ten is a
    lower bound (1200多个), so that places and leaders are decided through bounds."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(7)
    zone = np.repeat(np.arange(zones), indicators * years)
    indicator = np.tile(np.repeat(np.arange(indicators), years), zones)
    period = np.tile(np.arange(2010, 2010 + years), zones * indicators)
    value = rng.integers(1, 5000, len(zone)).astype("float64")
    bound = rng.random(len(zone)) < 0.1
    frame = pd.DataFrame(
        {
            "zone": pd.Series(zone).map("开发区{:03d}".format),
            "indicator": pd.Series(indicator).map("indicator_{}".format),
            "name": pd.Series(indicator).map("指标{}".format),
            "period": period.astype(str),
            "value": value,
            "unit": "个",
            "better": "higher",
            "qualifier": np.where(bound, "more_than", "exact"),
            "written": pd.Series(value).map("{:.0f}".format) + np.where(bound, "多个", "个"),
        }
    )
    frame["quote"] = "全区" + frame["written"]
    frame.to_csv(path, index=False)


# ---- report texts ---------------------------------------------------------------------------

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
REPORT_HEAD = ["某开发区年度报道", "发布时间:2021-06-30 10:29  来源:示例网", ""]


def report_lines(megabytes: float, dense: bool = False) -> list[str]:
    """An ordinary report of about `megabytes` MB (UTF-8), as lines: paragraphs of figures,
    each followed by five sentences of prose (a figure every 240 bytes or so, as in a real
    zone report; the bundled one has one every 290); `dense` leaves the prose out."""
    lines = list(REPORT_HEAD)
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
    return lines


def write_report(path: Path, megabytes: float, dense: bool = False) -> None:
    """An ordinary report (report_lines) as a UTF-8 text file."""
    path.write_text("\n".join(report_lines(megabytes, dense)) + "\n", encoding="utf-8")


def _repeated(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


def _figures_in_one_sentence(size: int) -> str:
    """Sentences of 20,000 comma-separated figures each (个, 万元, 亿元, 家, %), as many as
    fill `size` bytes."""
    forms = ("{}个", "{}万元", "{}.5亿元", "{}家", "{}%")
    sentences, total, k = [], 0, 0
    while total < size:
        figures = [forms[i % len(forms)].format(100 + (i * 7 + k) % 900) for i in range(20_000)]
        sentence = "全年" + ",".join(figures) + "。\n"
        sentences.append(sentence)
        total += len(sentence.encode("utf-8"))
        k += 1
    return "".join(sentences)


def _without_punctuation(size: int) -> str:
    """The ordinary report with every mark and line break taken out: one sentence."""
    text = re.sub(r"[^\w%]", "", "".join(report_lines(size * 1.2 / 1024 / 1024)))
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def _email_like(size: int) -> str:
    """Runs of 40,000 characters that an e-mail address's name may hold, each ending in an
    @ with no domain after it."""
    run = ("ab.cd-ef+gh_" * 3_334)[:40_000] + "@ "
    return _repeated(run, size)


PATHOLOGICAL: dict[str, tuple[str, object]] = {
    "repeat-1": ("1 repeated", "1"),
    "repeat-fullwidth-1": ("１ (full-width) repeated", "１"),
    "repeat-duo": ("多 repeated", "多"),
    "repeat-wan": ("万 repeated", "万"),
    "repeat-yi": ("亿 repeated", "亿"),
    "repeat-shi": ("十 repeated", "十"),
    "repeat-di": ("第 repeated", "第"),
    "repeat-dash": ("- repeated", "-"),
    "commas": ("20,000 comma-separated figures a sentence", _figures_in_one_sentence),
    "no-punctuation": ("the ordinary report without punctuation", _without_punctuation),
    "email-like": ("e-mail-like runs of 40,000 characters", _email_like),
}
"""Texts no report is written like, by name: what each is, and a character to repeat or a
function of the size in bytes that writes it."""


def write_pathological(path: Path, name: str, megabytes: float) -> None:
    """The pathological text `name` (PATHOLOGICAL) of about `megabytes` MB."""
    size = int(megabytes * 1024 * 1024)
    _, how = PATHOLOGICAL[name]
    text = _repeated(how, size) if isinstance(how, str) else how(size)  # type: ignore[operator]
    path.write_text(text, encoding="utf-8")


def write_verify_case(folder: Path, megabytes: float, digits: bool = False) -> None:
    """A report of `megabytes` MB (report.txt) and two datasets of its figures: quoted.yaml,
    whose every quote is in the report, and missing.yaml, the same with one quote no longer
    in it, for verify to find the closest passage of. The report is an ordinary one, or with
    `digits` one digit repeated (clauses of 150 ones and a unit), where a longest-match
    search meets the most candidates."""
    indicators = 40
    if digits:
        clause = "1" * 150 + "个"
        text = _repeated(clause + ",", int(megabytes * 1024 * 1024))
        quotes = [(clause, "11个")] * indicators
        missing = ("1" * 75 + "2" + "1" * 74 + "个", "11个")
    else:
        lines = report_lines(megabytes)
        text = "\n".join(lines) + "\n"
        quoted = [line for line in lines if line.startswith("截至目前,全区共有")]
        clauses = [line.split(",")[1] for line in quoted]  # 全区共有{t}家高新技术企业
        chosen = clauses[len(clauses) // 2 : len(clauses) // 2 + indicators]
        quotes = [(quote, quote[len("全区共有") : quote.index("家") + 1]) for quote in chosen]
        quote, value = quotes[indicators // 2]
        missing = (quote.replace("家高新", "家国家级高新"), value)
    (folder / "report.txt").write_text(text, encoding="utf-8")
    for name, changed in (("quoted.yaml", None), ("missing.yaml", indicators // 2)):
        out = [
            "schema_version: 1",
            "zone: {name: 某开发区, name_en: A Zone, province: 湖北省, level: national}",
            "source: {title: 某开发区年度报道, publisher: 示例网, date: '2021-06-30'}",
            "indicators:",
        ]
        for i, (quote, value) in enumerate(quotes):
            if i == changed:
                quote, value = missing
            out += [
                f"  - id: figure_{i}",
                f"    name: 指标{i}",
                f"    name_en: Figure {i}",
                "    category: industry",
                f"    unit: {value[-1]}",
                "    observations:",
                f"      - {{period: '{2000 + i}', value: {value}, quote: {quote}}}",
            ]
        (folder / name).write_text("\n".join(out) + "\n", encoding="utf-8")


def write_reports(folder: Path, count: int, kilobytes: float = 10) -> None:
    """`count` ordinary reports of about `kilobytes` KB each (report_lines), a folder of
    news as a province's zone reports would be."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        write_report(folder / f"report_{number:04d}.txt", kilobytes / 1024)
