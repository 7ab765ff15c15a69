"""Sample 问题清单: problems raised on projects under construction, each with a type, a responsible department and a
time limit; most are closed in time, some late, a few stay stuck for months. Each month's register (open problems, and those
closed in the month or the one before) goes into the monthly workbook as the sheet 项目问题 and through the real import.

About 24 problems are raised a month at 1,500 projects (scaled with the project count), so a month's register holds
roughly 60–120 problems across every state (已办结, 办理中, 临期, 超期, 严重超期); the ones a 推进组 could not solve
are marked 提交例会 once they are 10 days past their limit.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from cockpit import schema, units
from cockpit.sample import sources
from cockpit.sample.timeline import month_end

FIRST_RAISED = dt.date(2018, 10, 1)  # a backlog exists when the sample's first month opens
LAST_DAY = dt.date(2020, 12, 31)
PER_MONTH_AT_1500 = 26
KEPT_MONTHS = 2  # a closed problem stays in the register in its closing month and the next (then 销号)
MEETING_AFTER_DAYS = 10
TYPES = schema.PROBLEM_TYPES
TYPE_SHARE = (0.28, 0.12, 0.15, 0.22, 0.15, 0.08)
DESCRIPTIONS = {
    "用地": ("土地指标未落实", "征地拆迁进度滞后", "用地预审未通过", "规划条件需调整"),
    "用工": ("技术工人招聘困难", "一线员工缺口较大", "外来务工人员住房保障不足"),
    "融资": ("项目贷款审批缓慢", "项目资本金到位不足", "银团贷款未落实"),
    "审批": ("环评审批周期长", "施工许可办理滞后", "能评未批复", "消防设计审查未通过"),
    "要素保障": ("用电增容未落实", "用能指标不足", "排污权指标不足", "供水管网未接入"),
    "其他": ("企业投资计划调整", "周边群众协调问题", "设备进口清关延误"),
}
# (department, share) by type; None stands for the project's own county-level government.
DEPARTMENTS = {
    "用地": (("市自然资源和规划局", 0.6), (None, 0.4)),
    "用工": (("市人力社保局", 0.8), (None, 0.2)),
    "融资": (("市金融办", 0.7), ("人行嘉兴市中心支行", 0.3)),
    "审批": (("市发改委", 0.4), ("市生态环境局", 0.3), ("市住建局", 0.3)),
    "要素保障": (("市经信局", 0.5), ("国网嘉兴供电公司", 0.3), ("市发改委", 0.2)),
    "其他": ((None, 0.7), ("市商务局", 0.3)),
}
LIMIT_DAYS = (15, 30, 30, 45, 60, 90)


def government(unit_id: str) -> str:
    """The county-level government a problem goes to: 海宁市人民政府, 嘉兴港区管委会."""
    unit = units.UNIT_BY_ID[unit_id]
    return f"{unit.name}管委会" if unit.is_zone else f"{unit.name}人民政府"


def _months() -> list[dt.date]:
    first, out = FIRST_RAISED, []
    while first <= LAST_DAY:
        out.append(first)
        first = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return out


def draw(life: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """Every problem's life: raised, limit, eventual closing (or none), and whether it goes to the 例会."""
    mean = PER_MONTH_AT_1500 * life.height / 1500
    rows = []
    for first in _months():
        last = month_end(f"{first.year}-{first.month:02d}")
        # projects signed by the month's start and not yet producing: where problems arise
        open_projects = life.filter((pl.col("signed_on") < first)
                                    & (pl.col("production_on").is_null() | (pl.col("production_on") > last)))
        if open_projects.is_empty():
            continue
        codes = open_projects["project_code"].to_list()
        unit_ids = open_projects["unit_id"].to_list()
        for k in range(int(rng.poisson(mean))):
            pick = int(rng.integers(len(codes)))
            kind = TYPES[int(rng.choice(len(TYPES), p=TYPE_SHARE))]
            names, shares = zip(*DEPARTMENTS[kind])
            department = names[int(rng.choice(len(names), p=shares))] or government(unit_ids[pick])
            raised = first + dt.timedelta(days=int(rng.integers((last - first).days + 1)))
            limit = int(rng.choice(LIMIT_DAYS))
            due = raised + dt.timedelta(days=limit)
            outcome = rng.random()
            if outcome < 0.62:  # in time
                closed = raised + dt.timedelta(days=int(rng.integers(3, limit + 1)))
            elif outcome < 0.94:  # late
                closed = due + dt.timedelta(days=int(rng.integers(1, 46)))
            else:  # stuck for months (some still open when the sample ends)
                closed = due + dt.timedelta(days=int(rng.integers(60, 301)))
            stuck = (closed - due).days > 30
            rows.append({
                "problem_id": f"WT{raised:%Y%m}-{k + 1:03d}",
                "project_code": codes[pick],
                "problem_type": kind,
                "description": str(rng.choice(DESCRIPTIONS[kind])),
                "raised_on": raised,
                "department": department,
                "due_on": due,
                "closed_on": closed if closed is None or closed <= LAST_DAY else None,
                "to_meeting_flag": bool(stuck and rng.random() < 0.4),
            })
    return pl.DataFrame(rows, schema={"problem_id": pl.String, "project_code": pl.String,
                                      "problem_type": pl.String, "description": pl.String, "raised_on": pl.Date,
                                      "department": pl.String, "due_on": pl.Date, "closed_on": pl.Date,
                                      "to_meeting_flag": pl.Boolean}).sort("raised_on", "problem_id")


_DRAWN: dict[tuple[int, int], pl.DataFrame] = {}


def drawn(life: pl.DataFrame, seed: int) -> pl.DataFrame:
    """The problems of one sample world (drawn once per seed and project count)."""
    key = (seed, life.height)
    if key not in _DRAWN:
        _DRAWN.clear()
        _DRAWN[key] = draw(life, np.random.default_rng([seed, 18]))
    return _DRAWN[key]


def snapshot(problems: pl.DataFrame, month: str) -> pl.DataFrame:
    """The register at the month's end, in the stored schema: raised by then, and open, or closed this month or
    in the KEPT_MONTHS − 1 before; a closing after the month end is not known yet."""
    day = month_end(month)
    year, mon = int(month[:4]), int(month[5:])
    back = year * 12 + mon - 1 - (KEPT_MONTHS - 1)
    kept_from = dt.date(back // 12, back % 12 + 1, 1)
    closed = pl.when(pl.col("closed_on") <= day).then(pl.col("closed_on"))
    return (problems.filter(pl.col("raised_on") <= day)
            .with_columns(closed.alias("closed_on"),
                          (pl.col("to_meeting_flag") & (pl.lit(day) >= pl.col("due_on") + pl.duration(
                              days=MEETING_AFTER_DAYS))).alias("to_meeting"))
            .filter(pl.col("closed_on").is_null() | (pl.col("closed_on") >= kept_from))
            .select(list(schema.stored_schema(schema.PROBLEMS))))


def sheet(register: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """The 项目问题 sheet as a 推进组 keeps it: template headers, dates as text in one style, 是/否."""
    style = sources.DATE_STYLES[int(rng.integers(len(sources.DATE_STYLES)))]
    out = register.with_columns(
        [pl.Series(c, [sources.date_text(d, style) for d in register[c].to_list()], dtype=pl.String)
         for c in ("raised_on", "due_on", "closed_on")]
        + [pl.Series("to_meeting", [sources.flag_text(v) for v in register["to_meeting"].to_list()],
                     dtype=pl.String)])
    return out.rename({c.name: c.header for c in schema.PROBLEMS.columns})
