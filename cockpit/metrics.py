"""Each metric once: its name in the data, screen label, unit, format and 口径 (counting rule)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from cockpit import config

# 月度指标: names allowed in the monthly-indicator table, with their currency.
MONTHLY_INDICATORS: dict[str, str] = {
    "工业投资": "CNY",
    "实际利用外资": "USD",
    "实际利用外资（商务部口径）": "USD",
    "新增工业用地备案内资投资额": "CNY",
    "生产性服务业实际引进资金": "CNY",
    "零增地项目实际到位资金": "CNY",
    "战略性新兴产业投资": "CNY",
    "高新技术产业投资": "CNY",
    "高端装备制造业投资": "CNY",
    "数字经济核心产业投资": "CNY",
}


@dataclass(frozen=True)
class Metric:
    key: str
    name: str  # 指标名称 as written in the targets table
    label: str  # short label for screens
    group: str  # 总量 / 质量 / 速度
    unit: str  # display unit
    kind: str  # cumulative: read against 序时进度; rate: a share; growth: 同比 growth of `base`
    source: str  # indicator: from 月度指标; computed: from 项目库/土地
    rule: str  # 口径 as a template: {placeholders} are filled from config (rule_values), see `definition`
    base: str | None = None  # the 月度指标 behind it (cumulative and growth metrics)

    @property
    def definition(self) -> str:
        """口径 as shown under the figure, with the configured choices (外资 only, 土地用途, …) written in."""
        return self.rule.format(**rule_values())

    @property
    def storage_unit(self) -> str:
        return {"亿元": "万元", "亿美元": "万美元"}.get(self.unit, self.unit)

    @property
    def digits(self) -> int:
        """Decimals shown everywhere (see UNIT_DIGITS)."""
        return digits(self.unit)

    def format(self, value: float | None) -> str:
        """A value of this metric in display units, as every screen and document shows it: 943.91亿元."""
        return format_value(value, self.unit)

    @property
    def display_factor(self) -> float:
        """Divide a stored value by this to get the display unit."""
        return 10000.0 if self.unit in ("亿元", "亿美元") else 1.0


def _m(*args, **kwargs) -> Metric:
    return Metric(*args, **kwargs)


def rule_values() -> dict[str, str]:
    """The parts of the 口径 texts that follow config/cockpit.toml ([general], [quality]); a section a test
    config leaves out takes the file's defaults."""
    settings = config.settings()
    usd_cny = float(settings["general"]["usd_cny"])
    quality = settings.get("quality", {})
    qualifies = (f"属世界500强或国际行业领先企业，或外资金额、总投资（按1美元={usd_cny:g}元人民币折算）"
                 "≥1亿美元")
    major_foreign = (f"外资项目（外资金额>0）中，本年签约且截至月末，{qualifies}；内资项目无论规模均不计"
                     if quality.get("foreign_only", True)
                     else f"本年签约且截至月末，{qualifies}（含无外资的内资项目）")
    progress = settings.get("progress", {})
    uses = "或".join(progress.get("industrial_land_uses", ["工业用地", "仓储用地"]))
    size = "总投资≥1亿元，" if progress.get("milestones_above_100m_only", False) else "不限项目规模，"
    return {"major_foreign": major_foreign, "land_uses": uses, "milestone_size": size}


_YTD = "统计局月度指标本年累计（截至所选月份）"
METRICS: tuple[Metric, ...] = (
    _m("industrial_investment", "工业投资", "工业投资", "总量", "亿元", "cumulative", "indicator",
       _YTD, base="工业投资"),
    _m("fdi", "实际利用外资", "实际利用外资", "总量", "亿美元", "cumulative", "indicator",
       _YTD, base="实际利用外资"),
    _m("fdi_mofcom", "实际利用外资（商务部口径）", "外资（商务部口径）", "总量", "亿美元", "cumulative",
       "indicator", _YTD, base="实际利用外资（商务部口径）"),
    _m("domestic_land_filing", "新增工业用地备案内资投资额", "工业用地备案内资", "总量", "亿元", "cumulative",
       "indicator", _YTD, base="新增工业用地备案内资投资额"),
    _m("service_capital", "生产性服务业实际引进资金", "生产性服务业引资", "总量", "亿元", "cumulative",
       "indicator", _YTD, base="生产性服务业实际引进资金"),
    _m("zero_land_capital", "零增地项目实际到位资金", "零增地到位资金", "总量", "亿元", "cumulative",
       "indicator", _YTD, base="零增地项目实际到位资金"),
    _m("major_foreign_projects", "引进世界500强、国际行业领先企业、总投资超亿美元项目", "500强/领先/超亿美元项目",
       "质量", "个", "cumulative", "computed",
       "{major_foreign}"),
    _m("projects_above_100m", "引进亿元以上产业项目", "亿元以上项目引进", "质量", "个", "cumulative", "computed",
       "本年签约且截至月末，总投资≥1亿元（10000万元）"),
    _m("projects_10b", "百亿级重大产业项目", "百亿级项目", "质量", "个", "cumulative", "computed",
       "本年签约且截至月末，总投资≥100亿元"),
    _m("projects_5b_10b", "50亿元～100亿元项目", "50–100亿元项目", "质量", "个", "cumulative", "computed",
       "本年签约且截至月末，50亿元≤总投资<100亿元"),
    _m("projects_1b_5b", "10亿元～50亿元项目", "10–50亿元项目", "质量", "个", "cumulative", "computed",
       "本年签约且截至月末，10亿元≤总投资<50亿元"),
    _m("strategic_emerging_growth", "战略性新兴产业投资增长", "战新产业投资增长", "质量", "%", "growth", "indicator",
       "战略性新兴产业投资本年累计÷上年同期累计−1", base="战略性新兴产业投资"),
    _m("high_tech_growth", "高新技术产业投资增长", "高新技术投资增长", "质量", "%", "growth", "indicator",
       "高新技术产业投资本年累计÷上年同期累计−1", base="高新技术产业投资"),
    _m("high_end_equipment_growth", "高端装备制造业投资增长", "高端装备投资增长", "质量", "%", "growth", "indicator",
       "高端装备制造业投资本年累计÷上年同期累计−1", base="高端装备制造业投资"),
    _m("digital_core_growth", "数字经济核心产业投资增长", "数字经济投资增长", "质量", "%", "growth", "indicator",
       "数字经济核心产业投资本年累计÷上年同期累计−1", base="数字经济核心产业投资"),
    _m("industrial_investment_growth", "工业投资增长", "工业投资增长", "速度", "%", "growth", "indicator",
       "工业投资本年累计÷上年同期累计−1", base="工业投资"),
    _m("registration_rate", "签约项目注册率", "签约项目注册率", "速度", "%", "rate", "computed",
       "本年签约（截至月末）的项目中，截至月末已注册的比例（计划所称“当年注册率”）；签约前已注册的项目计为已注册"),
    _m("starts", "亿元以上项目开工", "亿元以上项目开工", "速度", "个", "cumulative", "computed",
       "总投资≥1亿元，实际开工日期在本年且截至月末"),
    _m("completions", "亿元以上项目竣工", "亿元以上项目竣工", "速度", "个", "cumulative", "computed",
       "总投资≥1亿元，实际竣工日期在本年且截至月末"),
    _m("productions", "亿元以上项目投产", "亿元以上项目投产", "速度", "个", "cumulative", "computed",
       "总投资≥1亿元，投产日期在本年且截至月末"),
    _m("new_above_scale", "新投产项目达规", "新投产项目达规", "速度", "个", "cumulative", "computed",
       "{milestone_size}投产日期和达规日期均在本年且截至月末"),
    _m("new_full_capacity", "新竣工项目达产", "新竣工项目达产", "速度", "个", "cumulative", "computed",
       "{milestone_size}竣工日期和达产日期均在本年且截至月末"),
    _m("new_industrial_land", "新供产业用地", "新供产业用地", "速度", "亩", "cumulative", "computed",
       "供地日期在本年且截至月末、土地用途为{land_uses}的地块面积（亩）"),
)
METRIC_BY_KEY = {m.key: m for m in METRICS}


def _fold(text: str) -> str:
    text = re.sub(r"\s+", "", str(text))
    text = text.replace("(", "（").replace(")", "）")
    return re.sub(r"[~〜\-－—–]", "～", text)


_BY_FOLDED = {_fold(m.name): m for m in METRICS}


def match_target(text: object) -> Metric | None:
    """The metric a 年度目标 row names, tolerant of bracket and tilde variants."""
    return None if text is None else _BY_FOLDED.get(_fold(str(text)))


def match_indicator(text: object) -> str | None:
    """The canonical 月度指标 name, tolerant of bracket variants."""
    if text is None:
        return None
    folded = _fold(str(text))
    return next((n for n in MONTHLY_INDICATORS if _fold(n) == folded), None)


# One precision per display unit, so a metric reads the same on slides, pages, the 通报 and exports (943.91亿元,
# never 943.9 or 944): money in 亿 with two decimals, counts whole, 亩 whole, percentages with one decimal.
UNIT_DIGITS = {"亿元": 2, "亿美元": 2, "万元": 2, "万美元": 2, "%": 1, "个": 0, "家": 0, "宗": 0, "亩": 0,
               "分": 1}


def digits(unit: str) -> int:
    """The decimals a figure in this display unit is shown with."""
    return UNIT_DIGITS.get(unit, 2)


def format_number(value: float | None, unit: str, places: int | None = None) -> str:
    """The figure alone, at its unit's precision with thousands separators: 943.91, 18,164, 12.4."""
    if value is None:
        return "—"
    return f"{value:,.{digits(unit) if places is None else places}f}"


def format_value(value: float | None, unit: str, digits: int | None = None) -> str:
    """A figure as users read it: 943.91亿元, 1,234个, 15,000亩, 85.3%."""
    if value is None:
        return "—"
    return f"{format_number(value, unit, digits)}{unit}"
