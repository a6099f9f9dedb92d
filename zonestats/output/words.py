"""The Chinese of what analysis says in English: notes on growth, on ranks and on reports
that agree or differ. Machine formats keep the English (the JSON contract); people's
formats in --lang zh show these."""

from __future__ import annotations

import re
from functools import lru_cache

from zonestats.model.quantity import Qualifier
from zonestats.model.terms import Level

LEVEL_NAMES = {Level.NATIONAL: "国家级", Level.PROVINCIAL: "省级", Level.MUNICIPAL: "市级"}

BETTER_NAMES = {"higher": "越高越好", "lower": "越低越好"}

VERDICT_NAMES = {"holds": "成立", "does_not_hold": "不成立", "cannot_check": "无法核对"}
"""The verdicts on growth claims, in Chinese."""

QUALIFIER_MARKS_ZH = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: "超过",
    Qualifier.AT_LEAST: "不少于",
    Qualifier.LESS_THAN: "不到",
    Qualifier.AT_MOST: "不超过",
    Qualifier.APPROX: "约",
    Qualifier.EXPECTED: "预计",
    Qualifier.TARGET: "目标",
}
"""How a qualifier reads before a figure in Chinese (超过100亿元, 预计300亿元)."""


def qualifier_mark(qualifier: Qualifier, zh: bool) -> str:
    """The mark before a figure: '超过' in Chinese, '>' in English; '' for an exact figure."""
    return QUALIFIER_MARKS_ZH[qualifier] if zh else qualifier.symbol


def marked(qualifier: Qualifier, text: str, zh: bool) -> str:
    """A figure with its qualifier's mark: '超过100亿元', '> 100亿元'."""
    mark = qualifier_mark(qualifier, zh)
    if not mark:
        return text
    return mark + text if zh else f"{mark} {text}"


_NOTES: tuple[tuple[str, str], ...] = (
    (r"n\.m\.: only one observation", "无意义:仅一个观测值"),
    (r"n\.m\.: base is 0", "无意义:基数为 0"),
    (r"n\.m\.: base is negative", "无意义:基数为负"),
    (r"n\.m\.: period span is zero", "无意义:时间跨度为零"),
    (r"n\.m\.: end is before start", "无意义:终点早于起点"),
    (r"n\.m\.: beyond the range of numbers", "无意义:超出数值范围"),
    (
        r"n\.m\.: ends last different lengths of time: (.+) vs (.+)",
        "无意义:两端时期长短不同:{0} 与 {1}",
    ),
    (r"rank: change in places", "排名:按名次变化计"),
    (r"ranked among different numbers: compare the percentiles", "参评总数不同:请比较百分位"),
    (r"change in percentage points", "变化以百分点计"),
    (r"no out_of for (.+)", "{0} 无参评总数"),
    (r"percentile (.+)", "百分位 {0}"),
    (r"growth to a target", "增长至目标值"),
    (r"growth to an expected value", "增长至预期值"),
    (r"approximate: an end is approximate or bounded both ways", "约数:一端为约数或两端均为界限"),
    (
        r"at least this: the end is a lower bound or the start an upper bound",
        "至少如此:终值为下限或起值为上限",
    ),
    (
        r"at most this: the start is a lower bound or the end an upper bound",
        "至多如此:起值为下限或终值为上限",
    ),
    (r"the reports differ: analysis uses this, (.+)", "各报告不一致:分析采用此值,{0}"),
    (r"the reports differ: analysis uses (.+) of (.+)", "各报告不一致:分析采用{1}的{0}"),
    (r"from the later-published source \((.+)\)", "因其来源发布较晚({0})"),
    (r"from the only source with a publication date \((.+)\)", "因其为唯一注明发布日期的来源({0})"),
    (
        r"from the input given last \(the publication dates do not tell which is later\)",
        "因其输入在后(发布日期无法判断先后)",
    ),
    (r"also in (\d+) other reports?", "另见于其他 {0} 份报告"),
    (r"no period in the text: the report's date", "原文未写时期:取报道日期"),
    (
        r"no period in the text nor a report date: the latest year named",
        "原文未写时期且报道无日期:取文中最近的年份",
    ),
    (r"as of the report's date", "截至报道日期"),
    (r"the year of the report", "报道当年"),
    (r"(.+): the report's date", "{0}:取报道日期"),
    (r"(.+), counted from the report's date", "{0},自报道日期推算"),
    (r"(.+), in the year of the report", "{0},报道当年"),
    (r"(.+), as of the report's date", "{0},截至报道日期"),
    (r"(.+), up to the report's date", "{0},截至报道日期"),
    (r"(.+), the year of the report", "{0},报道当年"),
    (r"(.+), the year before the report \(same sentence\)", "{0},报道前一年(同句)"),
    (r"(.+), the year before the report", "{0},报道前一年"),
    (r"(.+), counted back from the (\d{4}) evaluation", "{0},自{1}年考核倒推"),
    (r"(.+), the evaluation before (\d{4})", "{0},{1}年之前的一次考核"),
    (r"(.+), the year .+ settled in the zone", "{0},即落户开发区之年"),
    (r"this season's harvest", "本季收成"),
    (r"the (\d{4}) evaluation, of (\d{4}) data", "{0}年考核评价,评价{1}年数据"),
    (r"stated in the report", "报道所述"),
    (r"no target year given", "未给出目标年份"),
    (r"production date not given", "未给出投产日期"),
    (r"(.+) \(projects to be brought in this year\)", "{0}(年内引进的项目)"),
    (r"units differ: (.+) vs (.+)", "单位不同:{0} 与 {1}"),
    (r"periods differ: (.+) vs (.+)", "时期不同:{0} 与 {1}"),
    (r"no difference from (.+?): (.+)", "与{0}无差值:{1}"),
    (r"no difference: (.+) has no figure", "无差值:{0}无此数据"),
    (r"no difference: the bounds do not decide it", "无差值:界限无法确定"),
    (r"not comparable", "不可比"),
    (r"no other zone to compare with", "无其他可比开发区"),
    (r"no better direction: no leader", "无优劣方向:不评领先"),
    (r"no out_of: its place does not compare with the others", "无参评总数:名次无法与其他比较"),
    (r"ranked among different numbers: compared by percentile", "参评总数不同:按百分位比较"),
    (r"the bounds do not decide its place", "界限无法确定其名次"),
    (r"the lead rests on (.+)", "领先基于{0}"),
    (r"a target", "目标值"),
    (r"an expected value", "预期值"),
    (r"an approximate value", "约数"),
    (r"tied for first place: no leader", "并列第一:不评领先"),
    (
        r"no place: a zone left out has a figure of (.+) too \(compare --at (.+)\)",
        "不评名次:未参比的开发区也有 {0} 的数值(请按同一时期比较)",
    ),
    (r"may be tied for first place: no leader", "或并列第一:不评领先"),
    (r"the same as in (.+)", "与{0}相同"),
    (r"no series found near the claim", "声明附近无数列"),
    (r"the series has one value", "数列仅一个数值"),
    (r"the series has no value for the year before (.+)", "数列无 {0} 前一年的数值"),
    (r"the series has no value for (.+)", "数列无 {0} 的数值"),
    (r"not comparable: (.+) is a bound", "不可比:{0} 为界限值"),
    (r"not comparable: (.+) is approximate", "不可比:{0} 为约数"),
    (r"not comparable: (.+) is a target or an expected value", "不可比:{0} 为目标值或预期值"),
    (r"a rank: places do not grow by a rate", "排名:名次不按比率增长"),
    (r"percentage points need values in %", "百分点之差需以 % 计的数值"),
    (r"an annual average needs years, not (.+) and (.+)", "年均增长需以年为时期,而非 {0} 与 {1}"),
    (r"n\.m\.: end is negative", "无意义:终值为负"),
    (r"a target or a forecast, not what happened", "目标或预测,并非已发生的情况"),
    (r"stated as a lower bound", "声明为下限"),
    (r"stated as an upper bound", "声明为上限"),
    (
        r"(.+)倍 read as ×(.+), the standard reading, though the figures fit ×(.+)",
        "{0}倍按标准读法为 ×{1},但数据符合 ×{2}",
    ),
    (r"no observations of (.+) for (.+)", "{1} 无 {0} 的观测值"),
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[dict[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    """The notes without a part to fill in, by their text, and the patterns of the others,
    compiled when a note is first translated (not at start-up)."""
    literal = {
        re.sub(r"\\(.)", r"\1", pattern): chinese
        for pattern, chinese in _NOTES
        if "(" not in pattern.replace("\\(", "")
    }
    patterns = tuple(
        (re.compile(pattern), chinese)
        for pattern, chinese in _NOTES
        if "(" in pattern.replace("\\(", "")
    )
    return literal, patterns


@lru_cache(maxsize=4096)
def note_zh(note: str) -> str:
    """A note in Chinese, part by part ("; " between parts); a part it does not know stays."""
    return ";".join(_part_zh(part) for part in note.split("; "))


def _part_zh(part: str) -> str:
    """A part in Chinese; what a pattern captures (a reason, a period) is translated too."""
    literal, patterns = _compiled()
    if part in literal:
        return literal[part]
    for pattern, chinese in patterns:
        match = pattern.fullmatch(part)
        if match:
            return chinese.format(*(_part_zh(group) for group in match.groups()))
    return part
