"""The 口径 of the 通报 in words, for its last 附件 (the pages show formulas; a 公文 does not): every threshold and
weight is read from config/cockpit.toml, as the pages' 口径 are."""
from __future__ import annotations

from cockpit import config
from cockpit.views import ranking
from cockpit.views import target_progress as progress


def _pct(share: float) -> str:
    return f"{share * 100:g}%"


def pace() -> str:
    p = progress.status_params()
    reach = "达到序时进度" if p["on_pace"] == 1 else f"达到序时进度的{_pct(p['on_pace'])}"
    return (f"目标进度：序时进度为所选月份占全年12个月的比例（6月为50%，12月为100%）；完成率为本年累计完成数占全年目标的"
            f"比例。累计类指标完成率{reach}的为达序时，达到序时进度的{_pct(p['far_behind'])}及以上的为落后，其余为严重落后。"
            f"签约项目注册率以实际注册率与目标注册率比较，增长类指标以同比增幅与目标增幅比较：达到目标的为达序时，"
            f"注册率低于目标不超过{p['rate_far_behind_points']:g}个百分点、增幅低于目标不超过"
            f"{p['growth_far_behind_points']:g}个百分点的为落后，其余为严重落后。")


def city() -> str:
    return ("全市数据：项目和用地类指标按九个县级主体的项目、地块合计；工业投资、实际利用外资等月度指标采用报送的全市数据，"
            "未报送全市数据的取各县级主体合计，因此全市数据与各县级主体合计可能不一致，通报中已逐项注明。"
            "全市目标采用下达的全市目标，未下达的取九个县级主体目标之和。")


def score() -> str:
    s = ranking.settings()
    labels = {m.key: m.label for m in _metrics()}
    weights = "，".join(f"{labels.get(k, k)}{w:g}" for k, w in ranking.weights().items())
    return (f"县市区排名：综合得分为各项指标序时完成度的加权平均数乘以100，100分即参评指标均达序时进度。"
            f"累计类指标的序时完成度为完成率与序时进度之比，注册率为实际注册率与目标注册率之比，"
            f"增长类为1加实际增幅与1加目标增幅之比；"
            f"单项序时完成度超过{s['cap']:g}的按{s['cap']:g}计，一项指标超额较多不掩盖其他指标的落后。"
            f"权重为：{weights}。某县级主体没有目标或没有数据的指标不参评，其余指标的权重按比例放大。"
            f"得分保留一位小数，得分相同的名次并列。")


def quarter() -> str:
    n = int(ranking.settings()["bottom_n"])
    return (f"约谈：季度排名取季末月（3月、6月、9月、12月）的综合得分排名。每季度排名末{n}位的县级主体（末位并列的一并计入）"
            f"由分管副市长约谈，连续两个季度排名末{n}位的由市长约谈。")


def snail() -> str:
    return ("蜗牛项目：截至月末，超过合同开工日期6个月及以上仍未开工（开工滞后），或超过合同竣工日期6个月及以上仍未竣工"
            "（竣工滞后）的项目；两种情况兼有的按开工滞后计一次。滞后月数为合同日期至月末的整月数。")


def warning() -> str:
    w = config.section("warnings")
    escalate = config.settings().get("problems", {}).get("escalate_days", 30)
    return (f"分级预警：项目的预警等级取各项信号中最重的一项。推进节点逾期未完成满{w['node_red_months']:g}个月的为红色预警，"
            f"逾期{w['node_yellow_days']:g}天及以上的为黄色预警；近{w['node_late_recent_months']:g}个月内晚于计划完成的为黄色预警；"
            f"{w['node_blue_days']:g}天内到期的为蓝色提醒。未竣工项目本年完成投资不到序时计划{_pct(w['investment_red'])}的"
            f"为红色预警，不到{_pct(w['investment_yellow'])}的为黄色预警；序时计划指总投资按合同开工至合同竣工的天数平均分摊后，"
            f"本年1月1日至月末应完成的部分；月末距合同开工日期满{w.get('min_days_elapsed', 30):g}天的项目才按投资判断。"
            f"问题清单中超过办理时限未办结的问题，使其项目至少为黄色预警，超期超过{escalate:g}天（严重超期）的为红色预警。")


def idle() -> str:
    return ("“五未”土地：每宗地块按所处的第一个未完成环节归入一类，即批而未供（已批未供地）、供而未用（已供地未开工）、"
            "用而未尽（已开工未竣工）、建而未投（已竣工未投产）、投而未达规（已投产未达规上）。已达规的地块不计入；"
            "日期缺环（如有竣工日期而无开工日期）的地块列为数据不全，不归类。面积：用而未尽计地块中尚未开发的部分，"
            "已开发面积未填的按整宗面积计；其余各类计整宗地块面积。")


def _metrics():
    from cockpit.metrics import METRICS

    return METRICS


__all__ = ["city", "idle", "pace", "quarter", "score", "snail", "warning"]


_SYMBOLS = (("÷", "除以"), ("×", "乘以"), ("＝", "为"), ("=", "为"), ("+", "、"), ("Σ", "合计"))


def in_words(text: str) -> str:
    """A page's 口径 as a 公文 writes it: 核查完成率=已核查÷应核查 → 核查完成率为已核查除以应核查; “口径：” dropped
    (the 附件 is titled 口径说明). The pages keep their short formulas."""
    text = text.removeprefix("口径：")
    for symbol, words in _SYMBOLS:
        text = text.replace(symbol, words)
    return text
