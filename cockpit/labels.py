"""Every table column's Chinese header and number format, once.

Views keep English column names through their logic and call `table(frame, ...)` as their last step; `show_table`
(screen) and `exports.table_xlsx` (Excel) read each header's number format from here. A header's format comes
from its entry, else from the unit in its last full-width brackets ("总投资（亿元）" -> 亿元 -> two decimals), so
headers a view composes from data ("签约（个）", "工业投资（权重20，%）") are formatted the same way.
Headers of the source tables' columns are the import templates' (cockpit/schema.py), so a column reads the same in
the template, on screen and in an export.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from cockpit import schema

# printf formats as st.column_config.NumberColumn takes them, by the unit a header ends with.
UNIT_FORMATS = {
    "亿元": "%.2f", "亿美元": "%.2f", "万元": "%.2f", "万美元": "%.2f", "亩": "%.2f", "%": "%.1f%%",
    "个": "%d", "宗": "%d", "天": "%d", "月": "%.1f",
}
# The same formats for Excel cells.
EXCEL_FORMATS = {"%.2f": "#,##0.00", "%.1f": "#,##0.0", "%d": "#,##0", "%.1f%%": '#,##0.0"%"', "localized": "General"}


@dataclass(frozen=True)
class Label:
    header: str
    format: str | None = None  # printf format of a number; None: by the header's unit, else the type's default


def _template(table: schema.Table, name: str) -> str:
    return table.column(name).header


# The one place a column is named for users. Keys are the English column names the views work with.
LABELS: dict[str, Label] = {
    # project library (template headers)
    **{name: Label(_template(schema.PROJECTS, name)) for name in (
        "project_name", "project_code", "category", "industry", "signed_on", "registered_on",
        "contract_start_on", "started_on", "contract_completion_on", "completed_on", "production_on")},
    "unit_name": Label(_template(schema.PROJECTS, "unit_id")),  # 县级主体: always the full name in tables
    "total_investment_yi": Label("总投资（亿元）"),
    "investment_to_date_yi": Label("累计完成投资（亿元）"),
    "investment_this_year_yi": Label("本年完成投资（亿元）"),
    "investment_plan_to_date_yi": Label("序时计划投资（亿元）"),
    "investment_ratio_pct": Label("完成比（%）"),
    "stage": Label("阶段"),
    "stage_before": Label("上月阶段"),
    "stage_now": Label("本月阶段"),
    "size_tier": Label("规模"),
    "leader_tier": Label("联系领导"),
    "is_snail": Label("蜗牛"),
    "grade": Label("预警等级"),
    "unscored": Label("未参评指标（原因）"),
    # land (template headers)
    **{name: Label(_template(schema.LAND, name)) for name in (
        "parcel_id", "parcel_name", "land_use", "area", "supplied_on", "approved_on")},
    "five_idle": Label("“五未”类别"),
    "idle_area": Label("“五未”面积（亩）"),
    "idle_since": Label("进入本类日期"),
    "idle_months": Label("滞留月数", "%d"),
    "aging_bucket": Label("滞留时长"),
    "prev_category": Label("上期类别"),
    # nodes (template headers)
    **{name: Label(_template(schema.NODES, name)) for name in ("node", "planned_on", "done_on")},
    "slip_days": Label("偏差（天）"),
    "status": Label("状态"),
    # 蜗牛 and warnings
    "snail_type": Label("蜗牛类型"),
    "contract_on": Label("合同日期"),
    "months_late": Label("滞后月数", "%d"),
    "change": Label("变化"),
    "detail": Label("说明"),
    "reasons": Label("预警原因"),
    "overdue_nodes": Label("逾期节点数", "%d"),
    "max_overdue_days": Label("最长逾期（天）"),
    "snapshot_month": Label("数据月份"),
    "projects": Label("项目数（个）"),
    # 目标进度 (amounts in the row's own unit, given in 单位)
    "metric_group": Label("分组"),
    "label": Label("指标"),
    "unit": Label("单位"),
    # amounts rounded to 0.01 in the view, shown without trailing zeros: a count reads 73, not 73.00
    "value": Label("完成值", "localized"),
    "target": Label("全年目标", "localized"),
    "completion_pct": Label("完成率（%）"),
    "pace_pct": Label("序时进度（%）"),
    "pace_target": Label("序时目标", "localized"),
    "needed_per_month": Label("剩余月均需完成", "localized"),
    "prior_value": Label("上年同期", "localized"),
    "growth_pct": Label("同比（%）"),
    "gap_text": Label("差序时"),
    "needed_text": Label("全年目标说明"),
    "note": Label("备注"),
    "definition": Label("口径"),
    # 县市区排名
    "rank": Label("排名", "%d"),
    "score": Label("综合得分", "%.1f"),
    "rank_change": Label("较上月"),
    "prev_rank": Label("上月排名", "%d"),
    "metrics_used": Label("参评指标数", "%d"),
    "behind_text": Label("全部目标中落后"),
    "strongest_text": Label("最强指标（序时完成度）"),
    "weakest_text": Label("最弱指标（序时完成度）"),
    "quarter_label": Label("季度"),
    "quarter_rank": Label("季末排名", "%d"),
    "quarter_score": Label("季末综合得分", "%.1f"),
    "consecutive": Label("连续两季度末位"),
    "interview": Label("约谈"),
    "requirement": Label("计划要求"),
    # 全生命周期
    "registration_rate_pct": Label("注册率（%）"),
    # 问题清单 (template headers of 项目问题, then the derived columns)
    **{name: Label(_template(schema.PROBLEMS, name)) for name in (
        "problem_id", "problem_type", "description", "raised_on", "department", "due_on", "closed_on")},
    "to_meeting_text": Label(_template(schema.PROBLEMS, "to_meeting")),
    "problem_state": Label("办理状态"),
    "days_overdue": Label("超期（天）"),
    "days_to_due": Label("距时限（天）"),
    "days_to_close": Label("办理用时（天）"),
    "group_name": Label("问题分组"),
    "problems": Label("在册问题（个）"),
    "new_problems": Label("本月新增（个）"),
    "closed_this_month": Label("本月办结（个）"),
    "open_problems": Label("未办结（个）"),
    "overdue": Label("超期（个）"),
    "escalated": Label("严重超期（个）"),
    "due_soon": Label("临期（个）"),
    "closed": Label("已办结（个）"),
    "close_rate_pct": Label("办结率（%）"),
    "median_close_days": Label("办结用时中位数（天）", "%.1f"),
    "max_overdue_days_problem": Label("最长超期（天）"),
    # 数据管理
    "level": Label("级别"),
    "file": Label("文件"),
    "sheet": Label("工作表"),
    "row": Label("行", "%d"),
    "column": Label("列"),
    "reason": Label("原因"),
    "table_title": Label("表"),
    "period": Label("期间"),
    "row_count": Label("行数", "%d"),
    "generation": Label("批次", "%d"),
    "imported_at": Label("导入时间"),
    "imported_by": Label("导入人"),
    "source_names": Label("来源文件"),
    "is_current": Label("是否当前"),
    # ---- issue 18: 督查核查 and 一把手招商 (helper inspection) ----
    **{name: Label(_template(schema.INSPECTIONS, name)) for name in (
        "check_type", "inspected_on", "verdict", "inspector")},
    "event_on": Label("开工/竣工/投产日期"),
    "verdict_state": Label("核查情况"),
    "refuted_month": Label("核查月份"),
    "lon": Label("经度", "%.6f"),
    "lat": Label("纬度", "%.6f"),
    "due_rows": Label("应核查（个）"),
    "checked": Label("已核查（个）"),
    "confirmed": Label("属实（个）"),
    "refuted": Label("不属实（个）"),
    "pending": Label("待核（个）"),
    "unchecked": Label("未核查（个）"),
    "completion_rate_pct": Label("核查完成率（%）"),
    "inspection_status": Label("核查状态"),
    **{name: Label(_template(schema.PROMOTIONS, name)) for name in (
        "visited_on", "leader", "leader_role", "destination", "enterprise", "outcome", "signed_project_code")},
    "signed_project_name": Label("签约项目名称"),
    "signed_investment_yi": Label("签约项目总投资（亿元）"),
    "month_main_trips": Label("本月党政主要领导外出招商（次）", "%d"),
    "month_trips": Label("本月领导外出招商（次）", "%d"),
    "month_enterprises": Label("本月对接企业（个）"),
    "month_signed": Label("本月签约（个）"),
    "month_signed_investment_yi": Label("本月签约总投资（亿元）"),
    "ytd_main_trips": Label("本年党政主要领导外出招商（次）", "%d"),
    "ytd_trips": Label("本年领导外出招商（次）", "%d"),
    "ytd_enterprises": Label("本年对接企业（个）"),
    "ytd_signed": Label("本年签约（个）"),
    "ytd_signed_investment_yi": Label("本年签约总投资（亿元）"),
    # ---- end issue 18 (inspection) ----
    # 临期预警、一张网、统筹 (issue 19)
    "turns_on": Label("转为蜗牛日期"),
    "days_left": Label("剩余天数", "%d"),
    "idle_on": Label("满一年闲置日期"),
    "parcel_contract_start_on": Label("土地合同开工日期"),
    "projection_text": Label("按上年节奏预计全年"),
    # ---- 县市区排名 年度累计 (issue 19 §3; the mean at the two decimals ranks compare at) ----
    "annual_rank": Label("年度累计排名", "%d"),
    "annual_score": Label("年度累计得分", "%.2f"),
    "months_scored": Label("参评月数", "%d"),
    "month_score": Label("本月得分", "%.1f"),
    "month_rank": Label("本月排名", "%d"),
    "interview_record": Label("本年约谈记录"),
    # ---- end 年度累计 ----
}
_BY_HEADER = {label.header: label for label in LABELS.values()}
_ENGLISH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_UNIT = re.compile(r"（([^（）]*)）$")


def header(name: str) -> str:
    """The Chinese header of an English column name."""
    try:
        return LABELS[name].header
    except KeyError:
        raise KeyError(f"column {name!r} has no Chinese header in cockpit/labels.py") from None


def with_unit(text: str, unit: str) -> str:
    """A header composed from data, in the registry's shape: 签约（个）."""
    return f"{text}（{unit}）"


def table(frame: pl.DataFrame, *columns: str | pl.Expr) -> pl.DataFrame:
    """The display step: selects the columns (names, or expressions named by registry keys) in order and gives each
    its Chinese header. A column already named in Chinese (composed with `with_unit`) keeps its name; an English
    name missing from the registry is an error, so no English header reaches a user."""
    picked = frame.select(columns)
    return picked.rename({name: header(name) for name in picked.columns if _ENGLISH.fullmatch(name)})


def number_format(column_header: str) -> str | None:
    """The printf format of a numeric column by its Chinese header: its entry's, else by its unit, else None."""
    label = _BY_HEADER.get(column_header)
    if label and label.format:
        return label.format
    unit = _UNIT.search(column_header)
    # "工业投资（权重20，%）": the unit is the last part inside the brackets
    return UNIT_FORMATS.get(unit.group(1).split("，")[-1]) if unit else None


def excel_format(column_header: str) -> str | None:
    """The same format for an Excel cell (thousands separators, the same decimals)."""
    return EXCEL_FORMATS.get(number_format(column_header) or "")
