"""The words a zone's name is read by (zonestats.extract.zones): provinces, the characters
and words that stand before a name and are no part of it, and the ends of words that make
what precedes a zone word no place. All simplified: the text is read folded
(zonestats.model.grammar.fold), which knows the traditional forms of their characters."""

from __future__ import annotations

import re

PROVINCES: dict[str, str] = {
    "北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市",
    "河北": "河北省", "山西": "山西省", "辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省",
    "江苏": "江苏省", "浙江": "浙江省", "安徽": "安徽省", "福建": "福建省", "江西": "江西省",
    "山东": "山东省", "河南": "河南省", "湖北": "湖北省", "湖南": "湖南省", "广东": "广东省",
    "海南": "海南省", "四川": "四川省", "贵州": "贵州省", "云南": "云南省", "陕西": "陕西省",
    "甘肃": "甘肃省", "青海": "青海省", "内蒙古": "内蒙古自治区", "广西": "广西壮族自治区",
    "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区",
}  # fmt: skip
"""Each province (and municipality and autonomous region) by its short name, with its full
name, which a draft writes."""

PROVINCE_FORMS: dict[str, str] = {
    form: short
    for short, full in PROVINCES.items()
    for form in (full, short, short + "自治区" if full.endswith("自治区") else full)
}
"""Every way a report writes a province (湖北省, 湖北; 广西壮族自治区, 广西), to its short name."""

_PROVINCE = re.compile("|".join(sorted(PROVINCE_FORMS, key=len, reverse=True)))


def provinces_in(folded: str) -> list[str]:
    """The short names of the provinces a (folded) text names, in order, each time named."""
    return [PROVINCE_FORMS[found.group()] for found in _PROVINCE.finditer(folded)]


def province_at(folded: str) -> str | None:
    """The longest province form a (folded) text starts with, if any."""
    found = _PROVINCE.match(folded)
    return found.group() if found else None


CUT = "的在了是与把将被让使及等这那也就还又或而为对给跟到至由"
"""Characters that stand in no place name: what stands before the last of them in the run
before a zone word is no part of its name (在荆州开发区, 将开发区)."""

LEAD_WORDS: frozenset[str] = frozenset(
    """
    近日 日前 目前 如今 今年 去年 前年 明年 当前 近年 近年来 近期 此前 随后 其中 同时 此外 另外
    未来 今后 届时 据悉 据了解 据介绍 据统计 截至 截止 当天 当日 上半年 下半年 全年 年内 期间 以来
    成为 作为 落户 位于 地处 推动 推进 促进 加快 建设 打造 发展 带动 服务 支持 助力 引领 提升 优化
    入驻 进驻 落地 扎根 布局 聚焦 围绕 依托 立足 走进 来到 考察 调研 视察 参观 公布 发布 获批 批准
    设立 成立 升级 申报 创建 规划 管理 整合 包括 以及 还有 涵盖 覆盖 称为 列为 评为 获评 荣获 跻身
    进入 位列 跃居 位居 领先 超过 高于 低于 对比 相比 比较 联合 携手 签约 实现 显示 表明 认定 命名
    授予 移出 退出 撤销 全力 全面 持续 不断 积极 大力 努力 共同 率先 首次 再次 已经 正在 全国 全省
    全市 全区 全县 国家 国内 省内 市内 区内 县内 境内 域内 辖区 所在 周边 附近 其他 其它 其余 相关
    重点 主要 多个 各个 各类 各级 这些 那些 部分 一批 首批 首个 同类 兄弟 友好 合作 共建 对口 托管
    代管 新型 特色 现代 美丽 智慧 绿色 生态 创新 开放 综合 先进 优秀 示范 标杆 一流 国家级 省级
    市级 县级 区级 我市 本市 该市 我省 本省 该省 我区 本区 该区 我县 本县 该县
    和 在 为 把 将 与 及 对 让 使 被 是 的 了 也 均 又 再 各 该 我 其 此 每 某 本 全
    """.split()
)
"""Words that stand before a zone's name and are no part of it (近日, 推动, 全国, 各): taken
from the start of the run before a zone word while two characters remain. A run that is one
of them is no place (实现开发区, 全国开发区)."""

MAX_LEAD = max(len(word) for word in LEAD_WORDS)

NOT_A_PLACE_END = "级个各该本全其此每些们类种批家省"
"""Last characters of what precedes a zone word where it names a group of zones, not one:
国家级开发区, 省级开发区, 各开发区, 两个开发区, 首批开发区."""
