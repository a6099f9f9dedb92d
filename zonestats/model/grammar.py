"""The words of the Chinese quantity grammar, each written once, as plain data.

Everything here is spelled in simplified characters; `FOLD` maps every traditional character
of these words to its simplified form, and `spellings` gives a word's every written form. The
parser (zonestats.model.quantity) and the report scanner (zonestats.extract.figures) take
their words from here, so that what one finds the other reads.

Qualifier meanings are the values of zonestats.model.quantity.Qualifier ("more_than", ...),
kept as strings so that this module imports nothing.
"""

from __future__ import annotations

from itertools import product

# ---- numerals ---------------------------------------------------------------------------------

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
"""Everyday Chinese digits. 〇 and 零 are both zero; 两 is two before a unit (两百, 两万)."""

FINANCIAL_DIGITS: dict[str, int] = {
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}  # fmt: skip
"""Digits as cheques and contracts write them. The parser reads them; the report scanner does
not look for them, since most are also common words (陆家嘴, 伍 as a surname)."""

SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
"""Tens, hundreds and thousands: the units inside a section below 万."""

FINANCIAL_SMALL_UNITS: dict[str, int] = {"拾": 10, "佰": 100, "仟": 1000}
"""The financial forms of 十百千, read by the parser only."""

DECIMAL_POINT = "点"
"""The decimal point inside Chinese numerals: 十二点五 is 12.5, 一点五万 is 15000."""

SOME: tuple[str, ...] = ("数", "几")
"""Digits that stand for "some": 数十 and 几十 are more than ten, 十几 is more than ten."""

TENTHS = "成"
"""Tenths: 九成 is 90 %, 八成五 is 85 %."""

FRACTIONS: dict[str, int] = {"百分之": 100, "千分之": 1000}
"""A fraction before its numerator: 百分之三十 is 30 %, 千分之五 is 0.5 %."""

SIGNS: dict[str, int] = {"-": -1, "+": 1, "负": -1}
"""A sign before a number."""

# ---- magnitudes ------------------------------------------------------------------------------

_MAGNITUDES: dict[str, int] = {"万亿": 10**12, "兆": 10**12, "亿": 10**8, "万": 10**4}

# ---- words around a number -------------------------------------------------------------------

BEFORE_WORDS: tuple[tuple[str, str], ...] = (
    ("预计", "expected"),
    ("有望", "expected"),
    ("预期", "expected"),
    ("可望", "expected"),
    ("将", "expected"),
    ("力争", "target"),
    ("争取", "target"),
    ("迈向", "target"),
    ("竞", "target"),
    ("超过", "more_than"),
    ("突破", "more_than"),
    ("逾", "more_than"),
    ("破", "more_than"),
    ("不少于", "at_least"),
    ("不低于", "at_least"),
    ("至少", "at_least"),
    ("不到", "less_than"),
    ("不足", "less_than"),
    ("不超过", "at_most"),
    ("约", "approx"),
    ("大约", "approx"),
    ("近", "approx"),
    ("将近", "approx"),
    ("接近", "approx"),
)
"""Qualifier words before a number, with the qualifier each gives. Several may stand in a row
(有望突破, 预计将达到): a forecast or an aim outranks a bound. The first word of each qualifier is
the one format_quantity writes (超过, 不到, 约, 预计, 力争)."""

OTHER_WORDS: tuple[str, ...] = (
    "签约", "节约", "制约", "预约", "合约", "条约", "违约", "履约", "集约", "特约", "邀约",
    "附近", "最近", "邻近", "就近", "靠近", "打破", "冲破", "击破", "攻破", "竞拍", "竞争",
    "竞赛", "竞价", "竞标", "竞买", "竞选",
)  # fmt: skip
"""Words that hold a one-character qualifier word and mean something else: 签约 "signed"
holds 约 "about", 附近 "nearby" 近 "nearly", 打破 "broke" 破, 竞拍 "bid" 竞. Before a figure
(全区签约5个项目) they leave it exact."""

AFTER_WORDS: tuple[tuple[str, str], ...] = (
    ("多", "more_than"),
    ("余", "more_than"),
    ("以上", "at_least"),
    ("以下", "at_most"),
    ("以内", "at_most"),
    ("左右", "approx"),
    ("上下", "approx"),
    ("之多", "exact"),
)
"""Qualifier words after a number or its unit (100多家, 90%以上, 30家之多). The more_than words
may also stand between a number and its magnitude (3000余万元). The first word of a qualifier
is the one format_quantity writes (多, 以上, 以下)."""

NEUTRAL_WORDS: tuple[str, ...] = ("达到", "达", "高达", "多达", "共", "共计", "总计", "合计", "第")
"""Words that mark a figure without changing what it says: 达 "reached", 共 "in all", 第 a
rank (第126位)."""

MAJOR = "大"
"""After a numeral, 大 "major" (五大产业园) counts things without naming a unit."""

MAJOR_NOUNS: tuple[str, ...] = (
    "产业园", "园区", "基地", "平台", "片区", "板块", "集群", "工程", "中心", "项目", "领域", "园",
)  # fmt: skip
"""Things 大 counts in a report (五大产业园, 四大领域): the counted noun stands for the unit.
Before others (三大产业, the economy's sectors; 四大 alone) N大 is a name, not a
figure."""

_FORECAST_CONTEXT: tuple[str, ...] = ("计划", "能挣", "能赚", "可挣", "可赚")
_AIM_CONTEXT: tuple[str, ...] = ("目标",)

FORECAST_WORDS: tuple[str, ...] = (
    tuple(word for word, meaning in BEFORE_WORDS if meaning == "expected") + _FORECAST_CONTEXT
)
"""Words that make every figure after them in a clause a forecast (将涵盖四大领域, 计划投资,
能挣8000元): the before-words meaning "expected" and verbs of plan or ability."""

AIM_WORDS: tuple[str, ...] = (
    tuple(word for word, meaning in BEFORE_WORDS if meaning == "target") + _AIM_CONTEXT
)
"""Words that make every figure after them in a clause a target: the before-words meaning
"target" and 目标."""

# ---- units -----------------------------------------------------------------------------------

TALLY_UNITS: tuple[str, ...] = ("个", "位", "名", "家", "户", "人", "台", "项", "场", "茬")
"""Measure words after which a number in Chinese numerals is a tally of things (五家, 四茬),
rather than an article or a duration (一批, 三年行动)."""

COUNTING_UNITS: tuple[str, ...] = TALLY_UNITS + (
    "人次", "台套", "次", "批", "所", "座", "栋", "幢", "条", "辆", "件", "套", "艘", "架", "株",
    "棵", "头", "只", "口", "处", "片", "份", "本", "部", "篇", "款", "种", "类", "支", "届",
    "期", "轮", "笔", "宗", "例", "张", "间", "层", "盏", "双", "枚", "颗", "根", "块", "倍",
)  # fmt: skip
"""Measure words of things counted."""

MEASURE_UNITS: tuple[str, ...] = (
    "亩", "公顷", "平方米", "平方公里", "平方千米", "立方米", "公里", "千米", "米",
    "吨", "千克", "公斤", "克", "斤", "升", "瓦", "千瓦", "千瓦时", "兆瓦", "度", "标箱",
    "年", "个月", "天", "小时", "分钟", "岁",
)  # fmt: skip
"""Units of area, length, weight, volume, power, energy, containers and time. 万 and 亿 are
magnitudes, never units: 100万千瓦 is a million 千瓦."""

PERCENT = "%"
"""The unit of 百分之N, 成 and the full-width ％."""

PERCENT_UNITS: tuple[str, ...] = (PERCENT, "‰", "个百分点", "百分点")
"""Shares and differences of shares."""

CURRENCIES: tuple[str, ...] = ("元", "美元", "欧元", "港元", "日元", "英镑", "韩元", "澳元", "卢布")
"""Money: 82亿元 is 8.2e9 元."""

UNITS: tuple[str, ...] = tuple(
    sorted(
        dict.fromkeys(COUNTING_UNITS + MEASURE_UNITS + PERCENT_UNITS + CURRENCIES),
        key=len,
        reverse=True,
    )
)
"""Every known unit word, simplified, longest first (so 千瓦时 is tried before 千瓦). A unit may
also be a run of these (辆次 is 辆 and 次) or of ASCII letters (kg, MW, TEU)."""

# ---- stated growth ---------------------------------------------------------------------------

CHANGE_WORDS: tuple[tuple[str, int], ...] = (
    ("增长", 1), ("增加", 1), ("提高", 1), ("提升", 1), ("上升", 1), ("递增", 1), ("增速", 1),
    ("增幅", 1), ("下降", -1), ("减少", -1), ("降低", -1), ("递减", -1), ("下滑", -1),
)  # fmt: skip
"""Words that state a change, with its direction: 增长20% is +20 %, 下降2个百分点 -2 points."""

ANNUAL_WORDS: tuple[str, ...] = ("年均", "年平均", "平均每年")
"""Words that make a change an average a year: 年均增长24% is a compound annual rate."""

LINK_WORDS: tuple[str, ...] = ("了", "率为", "率达", "为", "达到", "达")
"""Words between a change word and its figure that change nothing (增长了20%, 增速为8%)."""

DOUBLING = ("翻", "番")
"""翻N番 doubles N times (翻一番 is ×2, 翻两番 ×4); 翻番 alone is once."""

TIMES = "倍"
"""增长3倍: the standard reading is 3 times more, ×4 (the claim grammar says where the
figures fit ×3 instead)."""

POINT_UNITS: tuple[str, ...] = ("个百分点", "百分点")
"""A difference of shares: 提高2个百分点 is +2 points, not +2 %."""

RANGE_MARKS: tuple[str, ...] = ("至", "到", "—", "–", "-", "~", "～")
"""Between the two years of a stated span (2016年至2020年)."""

COMPARED_WORDS: tuple[str, ...] = ("比", "较", "与")
"""Before the year a change is counted from (比2015年翻一番, 与2015年相比)."""

PREVIOUS_WORDS: tuple[str, ...] = ("同比", "上年", "去年")
"""The year before, as the base of a change (同比增长12%, 较上年增长20%)."""

SINCE = "以来"
"""After a year, the start of a span that runs to the latest figure (2016年以来)."""

SPAN_TAILS: tuple[str, ...] = ("期间", "间", "相比", "同期")
"""Words that close a stated span and change nothing (2016年至2020年间, 与2015年相比)."""

# ---- traditional characters ------------------------------------------------------------------

FOLD: dict[str, str] = {
    "兩": "两", "貳": "贰", "陸": "陆", "叄": "叁", "萬": "万", "億": "亿", "點": "点", "數": "数",
    "幾": "几", "負": "负", "預": "预", "計": "计", "劃": "划", "將": "将", "爭": "争", "邁": "迈",
    "競": "竞", "過": "过", "於": "于", "約": "约", "餘": "余", "達": "达", "總": "总", "內": "内",
    "標": "标", "掙": "挣", "賺": "赚", "個": "个", "戶": "户", "臺": "台", "項": "项", "場": "场",
    "棟": "栋", "條": "条", "輛": "辆", "處": "处", "種": "种", "類": "类", "屆": "届",
    "輪": "轮", "筆": "笔", "張": "张", "間": "间", "層": "层", "盞": "盏", "雙": "双", "顆": "颗",
    "塊": "块", "頭": "头", "隻": "只", "畝": "亩", "頃": "顷", "噸": "吨", "時": "时", "鐘": "钟",
    "歲": "岁", "歐": "欧", "鎊": "镑", "韓": "韩", "盧": "卢", "％": "%",
    # zone words and levels (經濟技術開發區, 高新區, 產業園區, 國家級)
    "經": "经", "濟": "济", "術": "术", "開": "开", "發": "发", "區": "区", "園": "园", "產": "产",
    "業": "业", "稅": "税", "級": "级", "國": "国", "縣": "县",
    # provinces (遼寧, 黑龍江, 江蘇, 廣東, 陝西, 貴州, 雲南, 重慶, 甘肅, 新疆維吾爾, 廣西壯族)
    "遼": "辽", "寧": "宁", "龍": "龙", "蘇": "苏", "廣": "广", "陝": "陕", "貴": "贵", "雲": "云",
    "東": "东", "慶": "庆", "肅": "肃", "維": "维", "爾": "尔", "壯": "壮",
    # words that stand before a zone's name (與, 為, 這, 該, 近年來)
    "與": "与", "為": "为", "這": "这", "對": "对", "讓": "让", "還": "还", "給": "给", "該": "该",
    "們": "们", "來": "来",
    # words of claims, times, lists, links and categories (增長, 較上年, 當年, 分別, 從, 產值)
    "別": "别", "當": "当", "現": "现", "後": "后", "從": "从", "擴": "扩", "躍": "跃", "貧": "贫",
    "脫": "脱", "專": "专", "黨": "党", "組": "组", "織": "织", "願": "愿", "農": "农", "營": "营",
    "資": "资", "簽": "签", "進": "进", "財": "财", "貿": "贸", "額": "额", "廠": "厂", "設": "设",
    "備": "备", "際": "际", "準": "准", "規": "规", "質": "质", "實": "实", "裝": "装", "機": "机",
    "線": "线", "車": "车", "電": "电", "門": "门", "領": "领", "導": "导", "體": "体", "聯": "联",
    "網": "网", "動": "动", "務": "务", "歷": "历", "長": "长", "減": "减", "遞": "递", "較": "较",
}  # fmt: skip
"""Traditional (and full-width) forms of the characters of the grammar's words, to simplified,
and of the words zonestats.extract.zones reads a zone's name by (zone words, provinces, the
words before a name). Every entry maps one character to one, so folding keeps offsets into a
text."""

_FOLD_TABLE = str.maketrans(FOLD)


def fold(text: str) -> str:
    """The text with the traditional characters of grammar words in simplified form.

    >>> fold("預計突破300億元")
    '预计突破300亿元'
    """
    return text.translate(_FOLD_TABLE)


_TRADITIONAL: dict[str, tuple[str, ...]] = {}
for _old, _new in FOLD.items():
    _TRADITIONAL[_new] = (*_TRADITIONAL.get(_new, ()), _old)


def spellings(word: str) -> tuple[str, ...]:
    """Every way a simplified word may be written, itself first: 预计, 预計, 預计, 預計."""
    forms = [(char, *_TRADITIONAL.get(char, ())) for char in word]
    return tuple("".join(chars) for chars in product(*forms))


MAGNITUDES: dict[str, int] = {
    spelling: value for word, value in _MAGNITUDES.items() for spelling in spellings(word)
}
"""Magnitudes in every spelling, longest first, with their multipliers: 万 and 萬 are 10^4,
亿 10^8, 万亿 and 兆 10^12."""

GRAMMAR_CHARACTERS: frozenset[str] = frozenset(
    "".join(DIGITS)
    + "".join(FINANCIAL_DIGITS)
    + "".join(SMALL_UNITS)
    + "".join(FINANCIAL_SMALL_UNITS)
    + "".join(_MAGNITUDES)
    + DECIMAL_POINT
    + "".join(SOME)
    + TENTHS
    + "".join(FRACTIONS)
    + "".join(SIGNS)
    + "".join(word for word, _ in BEFORE_WORDS + AFTER_WORDS)
    + "".join(NEUTRAL_WORDS)
    + MAJOR
    + "".join(FOLD)
)
"""Every character of numerals, magnitudes and the words before or after a number, in every
spelling, and every character that fold changes. A figure whose unit holds none of these has
its unit read exactly as written (and valid when it is a run of UNITS or of ASCII letters)."""

NUMERAL_CHARACTERS: frozenset[str] = frozenset(
    char
    for word in (*DIGITS, *FINANCIAL_DIGITS, *SMALL_UNITS, *FINANCIAL_SMALL_UNITS, *SOME)
    for spelling in spellings(word)
    for char in spelling + DECIMAL_POINT
)
"""Every character that writes part of a number, in every spelling. Where what follows a
figure's digits holds none, the figure reads as its digits times what 1 with it reads as."""
