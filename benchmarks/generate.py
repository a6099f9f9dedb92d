"""Synthetic inputs in zonestats' own formats, for the benchmarks.

YAML datasets of N indicators with 2-5 observations each, written the way reports write
figures (123个, 45.6亿元, 第12位, 100多家, 90%以上), and long tables of observations for
many zones over many years, as `zonestats export` writes them (.csv and .parquet).
"""

from __future__ import annotations

import random
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


def write_long_distinct(folder: Path, observations: int) -> Path:
    """The long table with every value and quote distinct, as .csv."""
    path = folder / f"obs_distinct_{observations}.csv"
    long_table(observations, distinct=True).to_csv(path, index=False)  # type: ignore[attr-defined]
    return path


def write_many_zones(path: Path, zones: int = 300, indicators: int = 20, years: int = 10) -> None:
    """A long table of many zones with the same indicators over the same years, as a
    national panel is: every zone side by side in compare's table."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(7)
    zone = np.repeat(np.arange(zones), indicators * years)
    indicator = np.tile(np.repeat(np.arange(indicators), years), zones)
    period = np.tile(np.arange(2010, 2010 + years), zones * indicators)
    value = rng.integers(1, 5000, len(zone)).astype("float64")
    frame = pd.DataFrame(
        {
            "zone": pd.Series(zone).map("开发区{:03d}".format),
            "indicator": pd.Series(indicator).map("indicator_{}".format),
            "name": pd.Series(indicator).map("指标{}".format),
            "period": period.astype(str),
            "value": value,
            "unit": "个",
            "better": "higher",
            "written": pd.Series(value).map("{:.0f}个".format),
            "quote": "全区" + pd.Series(value).map("{:.0f}个".format),
        }
    )
    frame.to_csv(path, index=False)
