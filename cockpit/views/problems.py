"""问题清单: the register of problems (问题收集、快速响应、限时办理), states against 办理时限, figures per unit, type and
责任单位, the three lists of the 通报, the 例会 slide, the 通报 section and the items submitted to the 例会.
Frames come from problems__register and problems__summary; no Streamlit, no queries."""
from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl

from cockpit import config, labels, report, units
from cockpit.charts import theme
from cockpit.text import plot_text
from cockpit.views.common import all_units, stacked_by_unit_figure

REGISTER_QUERY = "problems__register"
SUMMARY_QUERY = "problems__summary"
STATES = ("严重超期", "超期", "临期", "办理中", "已办结")
OPEN_STATES = STATES[:4]
# Grey levels 24 / 66 / 122 / 172 / 213: apart by ≥ 40, so the states stay apart in black-and-white print.
STATE_COLORS = {"严重超期": "#3A0A0A", "超期": theme.COLORS["far_behind"], "临期": theme.COLORS["behind"],
                "办理中": "#3B82F6", "已办结": "#D1D5DB"}
LISTS = ("新增", "推进中", "已办结")
DEFAULTS = {"due_soon_days": 7, "escalate_days": 30, "meeting_min_investment": 100000}
TOPIC_MEETING = "提交例会问题"
TOPIC_ESCALATED = "严重超期问题"


def settings() -> dict:
    """config [problems], with the defaults for a config file without the section."""
    return {**DEFAULTS, **config.settings().get("problems", {})}


def definition() -> str:
    s = settings()
    return (f"口径：问题清单为各月末在册问题（含已办结）。以月末日为准：填有办结日期为已办结；未办结的，超过办理时限为超期，"
            f"超期超过{s['escalate_days']}天为严重超期，距办理时限{s['due_soon_days']}天以内（含当天）为临期，其余为办理中。"
            "本月新增=提出日期在本月；本月办结=办结日期在本月；推进中=本月以前提出、月末仍未办结。"
            "办结率=已办结÷在册问题；办结用时=提出日期至办结日期的天数（已办结问题的中位数）。"
            "未办结的超期问题使所属项目至少为黄色预警，严重超期为红色预警。")


def date_words(day: dt.date | None) -> str:
    return "—" if day is None else f"{day.year}年{day.month}月{day.day}日"


# ---------------------------------------------------------------- figures and counts

def state_counts(register: pl.DataFrame) -> dict[str, int]:
    return {s: register.filter(pl.col("state") == s).height for s in STATES}


def headline(register: pl.DataFrame) -> dict[str, float | int | None]:
    """The month's figures: 在册, 新增, 办结, 未办结, 超期 (incl. 严重超期), 严重超期, 临期, 办结率."""
    counts = state_counts(register)
    total = register.height
    closed = counts["已办结"]
    return {"problems": total, "new": int(register["is_new"].sum() or 0),
            "closed_this_month": int(register["is_closed_this_month"].sum() or 0),
            "open": total - closed, "overdue": counts["超期"] + counts["严重超期"], "escalated": counts["严重超期"],
            "due_soon": counts["临期"], "closed": closed, "close_rate": closed / total if total else None}


def open_by_unit(register: pl.DataFrame, unit: str) -> pl.DataFrame:
    """Open problems per unit and state, every pair present (zeros included)."""
    grid = all_units(unit).join(pl.DataFrame({"state": list(OPEN_STATES),
                                              "state_order": list(range(1, len(OPEN_STATES) + 1))}), how="cross")
    counted = register.filter(pl.col("state").is_in(OPEN_STATES)).group_by("unit_id", "state").agg(
        problems=pl.len())
    return (grid.join(counted, on=["unit_id", "state"], how="left").with_columns(pl.col("problems").fill_null(0))
            .sort("sort_order", "state_order"))


def open_by_unit_figure(counts: pl.DataFrame) -> go.Figure:
    """Stacked bars: open problems per unit by state, the worst at the bottom; total on top."""
    return stacked_by_unit_figure(counts, "state", [(s, s, STATE_COLORS[s]) for s in OPEN_STATES], "problems",
                                  "未办结问题（个）")


def departments(summary: pl.DataFrame) -> pl.DataFrame:
    """责任单位 rows, the most overdue first (then most open)."""
    return (summary.filter(pl.col("grouping") == "department")
            .sort(["overdue", "escalated", "open_problems", "group_name"], descending=[True, True, True, False]))


def department_figure(summary: pl.DataFrame, top: int = 12) -> go.Figure:
    """Horizontal bars: overdue problems per 责任单位 (严重超期 and other 超期), the most at the top."""
    rows = departments(summary).filter(pl.col("open_problems") > 0).head(top).reverse()
    names = rows["group_name"].to_list()
    fig = go.Figure()
    fig.add_trace(go.Bar(y=names, x=rows["escalated"].to_list(), name="严重超期", orientation="h",
                         marker_color=STATE_COLORS["严重超期"],
                         hovertemplate="%{y} 严重超期：%{x}个<extra></extra>"))
    fig.add_trace(go.Bar(y=names, x=(rows["overdue"] - rows["escalated"]).to_list(), name="超期", orientation="h",
                         marker_color=STATE_COLORS["超期"], hovertemplate="%{y} 超期：%{x}个<extra></extra>"))
    fig.add_trace(go.Bar(y=names, x=(rows["open_problems"] - rows["overdue"]).to_list(), name="未超期",
                         orientation="h", marker_color=STATE_COLORS["办理中"],
                         hovertemplate="%{y} 未超期：%{x}个<extra></extra>"))
    fig.update_layout(barmode="stack", xaxis_title="未办结问题（个）", legend_traceorder="normal")
    return fig


# ---------------------------------------------------------------- tables

_LIST_COLUMNS = ("problem_id", "project_name", "unit_name", "problem_type", "description", "department",
                 "raised_on", "due_on", "closed_on")


def _display(register: pl.DataFrame) -> pl.DataFrame:
    return register.with_columns(
        problem_state=pl.col("state"),
        to_meeting_text=pl.when(pl.col("to_meeting")).then(pl.lit("是")).otherwise(pl.lit("否")),
        total_investment_yi=pl.col("total_investment_yi").round(2))


def register_table(register: pl.DataFrame) -> pl.DataFrame:
    """The register as the page lists and exports it, the worst first (the query's order)."""
    return labels.table(_display(register), "problem_id", "problem_state", "project_name", "project_code",
                        "unit_name", "problem_type", "description", "department", "raised_on", "due_on",
                        "days_overdue", "days_to_due", "closed_on", "days_to_close", "to_meeting_text",
                        "total_investment_yi")


def three_lists(register: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """新增 (raised this month), 推进中 (raised earlier, still open), 已办结 (closed this month)."""
    return {"新增": register.filter(pl.col("is_new")),
            "推进中": register.filter(pl.col("is_ongoing")),
            "已办结": register.filter(pl.col("is_closed_this_month"))}


def summary_table(summary: pl.DataFrame, grouping: str) -> pl.DataFrame:
    """Figures per unit, 问题类型 or 责任单位 (the department list: the most overdue first)."""
    rows = departments(summary) if grouping == "department" else (
        summary.filter(pl.col("grouping") == grouping).sort("group_order"))
    first = {"unit": "县级主体", "type": "问题类型", "department": "责任单位"}[grouping]
    return labels.table(
        rows.with_columns(close_rate_pct=(pl.col("close_rate") * 100).round(1),
                          max_overdue_days_problem=pl.col("max_overdue_days")),
        "group_name", "problems", "new_problems", "closed_this_month", "open_problems", "overdue", "escalated",
        "due_soon", "closed", "close_rate_pct", "median_close_days", "max_overdue_days_problem",
    ).rename({labels.header("group_name"): first})


# ---------------------------------------------------------------- 例会: 需研究解决

def meeting_problems(register: pl.DataFrame, unit: str) -> pl.DataFrame:
    """Open problems for the 例会, in order: those a 推进组 marked 提交例会, then 严重超期 ones of projects of at least
    [problems] meeting_min_investment 万元 (10亿元); within each, the longest overdue and the biggest first."""
    threshold = float(settings()["meeting_min_investment"])
    picked = register if unit == units.CITY_ID else register.filter(pl.col("unit_id") == unit)
    open_rows = picked.filter(~pl.col("is_closed"))
    marked = open_rows.filter(pl.col("to_meeting")).with_columns(topic=pl.lit(TOPIC_MEETING), topic_order=1)
    escalated = open_rows.filter(~pl.col("to_meeting") & pl.col("is_escalated")
                                 & (pl.col("total_investment") >= threshold)).with_columns(
        topic=pl.lit(TOPIC_ESCALATED), topic_order=2)
    return pl.concat([marked, escalated]).sort(
        ["topic_order", "days_overdue", "total_investment", "problem_id"], descending=[False, True, True, False],
        nulls_last=True)


def item_text(row: dict) -> str:
    """项目名称（15.0亿元）：用地，责任单位 市自然资源和规划局，超期42天"""
    size = "" if row["total_investment_yi"] is None else f"（{row['total_investment_yi']:,.1f}亿元）"
    when = (f"超期{row['days_overdue']}天" if row["days_overdue"] else
            f"办理时限{date_words(row['due_on'])}")
    return f"{row['project_name'] or row['project_code']}{size}：{row['problem_type']}，责任单位 {row['department']}，{when}"


def meeting_items(register: pl.DataFrame, unit: str) -> list:
    """The problems for the 例会 as meeting.Decision items, first in the 需研究解决 list."""
    from cockpit.views.meeting import Decision

    return [Decision(row["topic"], item_text(row), units.unit_short(row["unit_id"]) if row["unit_id"] else "—")
            for row in meeting_problems(register, unit).iter_rows(named=True)]


# ---------------------------------------------------------------- 例会 slide

TOP_PROBLEMS = 8


def worst_open(register: pl.DataFrame, n: int = TOP_PROBLEMS) -> pl.DataFrame:
    return (register.filter(pl.col("is_overdue"))
            .sort(["days_overdue", "total_investment", "problem_id"], descending=[True, True, False]).head(n))


def slide(ctx, register: pl.DataFrame) -> go.Figure:
    """问题清单 slide: how many are overdue, where (by unit and state), and the longest overdue problems."""
    from cockpit.views import meeting as m

    register = register if ctx.city else register.filter(pl.col("unit_id") == ctx.unit)
    figures = headline(register)
    title = "问题清单（限时办理）"
    if register.is_empty():
        return m.nothing(m.frame(ctx, title, ctx.month_label), "本月没有在册问题")
    fig = open_by_unit_figure(open_by_unit(register, ctx.unit))
    fig = m.frame(ctx, title, ctx.month_label, fig)
    m.place(fig, (150, 1060), (520, 940), legend=True)
    m.put(fig, m.LEFT, 250, f"{figures['overdue']:,}<span style='font-size:{m.LABEL_SIZE}px'>个超期</span>",
          m.KEY_SIZE, theme.COLORS["far_behind"], bold=True)
    m.put(fig, m.LEFT, 345, f"其中严重超期{figures['escalated']:,}个　临期{figures['due_soon']:,}个　"
                            f"未办结{figures['open']:,}个", m.LABEL_SIZE)
    rate = "—" if figures["close_rate"] is None else f"{figures['close_rate']:.1%}"
    m.put(fig, m.LEFT, 405, f"本月新增{figures['new']:,}个　办结{figures['closed_this_month']:,}个　办结率{rate}",
          m.LABEL_SIZE)
    x0 = m.LIST_LEFT
    m.put(fig, x0, m.TOP + 40, "超期最久的问题", m.HEADING_SIZE, bold=True)
    top = worst_open(register)
    if top.is_empty():
        m.put(fig, x0, m.TOP + 130, "本月没有超期问题", m.LABEL_SIZE, theme.COLORS["muted"])
    for i, row in enumerate(top.iter_rows(named=True)):
        y = m.TOP + 115 + i * 88
        m.put(fig, x0, y, plot_text(m.fit(f"{i + 1}. {row['project_name'] or row['project_code']}", m.TEXT_SIZE,
                                          560)), m.TEXT_SIZE, bold=True)
        m.put(fig, m.RIGHT, y, f"超期{row['days_overdue']}天", m.TEXT_SIZE, theme.COLORS["far_behind"],
              anchor="right", bold=True)
        detail = f"{units.unit_short(row['unit_id'])}　{row['problem_type']}　{row['department']}"
        m.put(fig, x0 + 44, y + 40, plot_text(m.fit(detail, m.TEXT_SIZE, m.RIGHT - x0 - 44)), m.TEXT_SIZE,
              theme.COLORS["muted"])
    if figures["overdue"] > TOP_PROBLEMS:
        m.put(fig, x0, m.TOP + 115 + TOP_PROBLEMS * 88, f"另有{figures['overdue'] - TOP_PROBLEMS}个（见通报附件）",
              m.TEXT_SIZE, theme.COLORS["muted"])
    return fig.done()


# ---------------------------------------------------------------- 通报 section

def _unit_words(unit_id: str) -> str:
    return units.unit_name(unit_id)


def briefing_section(data: dict[str, pl.DataFrame], month: str, unit: str) -> report.Section:
    """七、问题办理情况: the register's figures, per unit, the departments holding overdue problems, the list in 附件."""
    register = data["problem_register"]
    summary = data["problem_summary"]
    if unit != units.CITY_ID:
        register = register.filter(pl.col("unit_id") == unit)
    figures = headline(register)
    title = "问题办理情况"
    if register.is_empty():
        return report.Section(title, [report.Para("本月问题清单没有在册问题。")], definitions=[definition()])
    rate = "—" if figures["close_rate"] is None else f"{figures['close_rate']:.1%}"
    blocks = [report.Para(
        f"截至{date_words(register['snapshot_date'][0])}，问题清单在册问题{figures['problems']:,}个，"
        f"已办结{figures['closed']:,}个，办结率{rate}；未办结{figures['open']:,}个，其中超期{figures['overdue']:,}个"
        f"（严重超期{figures['escalated']:,}个）、临期{figures['due_soon']:,}个。"
        f"本月新增{figures['new']:,}个，办结{figures['closed_this_month']:,}个。")]
    if unit == units.CITY_ID:
        units_rows = summary.filter((pl.col("grouping") == "unit") & (pl.col("overdue") > 0)).sort(
            ["overdue", "group_order"], descending=[True, False])
        if units_rows.height:
            named = "、".join(f"{_unit_words(r['group_key'])}（{r['overdue']}个）"
                             for r in units_rows.head(3).iter_rows(named=True))
            blocks.append(report.Para(f"超期问题较多的是{named}。"))
        blocks.append(report.Table(summary_table(summary, "unit"), caption="各县（市、区）问题办理情况"))
    held = departments(summary).filter(pl.col("overdue") > 0)
    if held.height:
        first = held.row(0, named=True)
        blocks.append(report.Para(
            f"超期问题最多的责任单位是{first['group_name']}（{first['overdue']}个，其中严重超期{first['escalated']}个）。"))
        blocks.append(report.Table(summary_table(held, "department"), caption="责任单位超期问题"))
    blocks.append(report.Table(summary_table(summary, "type"), caption="分类型问题办理情况"))
    listed = register.filter(~pl.col("is_closed") | pl.col("is_closed_this_month"))
    attachments = [report.Attachment("问题清单（未办结及本月办结）", register_table(listed),
                                     note="按办理状态排列，严重超期在前。")]
    return report.Section(title, blocks, attachments, [definition()])
