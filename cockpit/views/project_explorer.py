"""项目查询 view: list filters and table, and the one-project view's figures and tables (no Streamlit)."""
from __future__ import annotations

import datetime as dt
import hashlib
import re

import plotly.graph_objects as go
import polars as pl

from cockpit import labels, schema
from cockpit.charts import theme

SIZE_TIERS = ("百亿级", "50–100亿元", "10–50亿元", "1–10亿元", "亿元以下")
LEADER_TIERS = ("市领导", "县主要领导", "县领导", "属地")
NO_WARNING = "无预警"
SNAIL_OPTIONS = ("蜗牛项目", "非蜗牛项目")
NOT_IDLE = "无“五未”地块"
IDLE_OPTIONS = (*schema.FIVE_IDLE, NOT_IDLE)
WARNING_OPTIONS = ("红", "黄", "蓝", NO_WARNING)

# Lifecycle steps with the project column holding each date (order as schema.STAGES).
STEPS = (("签约", "signed_on"), ("注册", "registered_on"), ("供地", "land_supplied_on"), ("开工", "started_on"),
         ("竣工", "completed_on"), ("投产", "production_on"), ("达规", "above_scale_on"),
         ("达产", "full_capacity_on"))
CONTRACT = {"开工": ("合同开工", "contract_start_on"), "竣工": ("合同竣工", "contract_completion_on")}
NODE_COLORS = {"按期完成": theme.COLORS["on_pace"], "延期完成": theme.COLORS["behind"],
               "逾期未完成": theme.COLORS["far_behind"], "未到期": theme.COLORS["muted"]}

LIST_DEFINITION = ("口径：所选月份项目库快照；搜索匹配项目名称或项目代码（不区分大小写）。规模：总投资百亿级（≥100亿元）、"
                   "50–100亿元、10–50亿元、1–10亿元（下限含本数）。联系领导：≥50亿元市领导、≥10亿元县主要领导、"
                   "≥1亿元县领导；≥100亿元设专班。预警等级取分级预警。")
TIMELINE_DEFINITION = ("口径：实心点为已到达环节的实际日期，灰色为尚未到达；空心菱形为合同约定开工/竣工日期，"
                       "连线为合同日期至实际日期（绿色不晚于合同、橙色晚于合同），红线为超过合同日期仍未到达"
                       "（至数据月末）；竖线为数据月份月末。")
NODES_DEFINITION = ("口径：每个推进节点一行。空心圆为计划完成日期，实心点为实际完成日期，连线为二者之差："
                    "绿色按期（不晚于计划）、橙色延期完成；红线为逾期未完成节点自计划日期至数据月末；灰色为未到期。")
PERFORMANCE_DEFINITION = ("口径：投资完成率=累计完成投资÷总投资；亩均投资（合同）=总投资÷用地面积，"
                          "亩均投资（已完成）=累计完成投资÷用地面积，单位万元/亩，用地面积取项目库“用地面积”。"
                          "亩均税收、亩均增加值需税务、统计数据，当前数据模型未包含。")


# The page's queries (issue 19 §6): filters as parameters, the shown rows by a limit, count and 总投资 by an
# aggregate, the filter choices by a distinct; the whole list only for 导出Excel.
LIST_QUERY = "explorer__list"
LIST_SUMMARY_QUERY = "explorer__list_summary"
FACETS_QUERY = "explorer__facets"
PROJECT_WARNING_QUERY = "explorer__project_warning"


def list_params(categories=(), industries=(), stages=(), sizes=(), leaders=(), grades=(), snails=(),
                idle=()) -> dict:
    """The list's filter choices as explorer__filtered's parameters: an empty choice keeps all; grades may hold
    NO_WARNING, snails SNAIL_OPTIONS, idle “五未” categories and NOT_IDLE."""
    snail = None if not snails or set(snails) == set(SNAIL_OPTIONS) else SNAIL_OPTIONS[0] in snails
    return {"categories": list(categories), "industries": list(industries), "stages": list(stages),
            "sizes": list(sizes), "leaders": list(leaders),
            "grades": [g for g in grades if g != NO_WARNING], "no_warning": NO_WARNING in grades,
            "snail": snail, "idle": [c for c in idle if c != NOT_IDLE], "idle_none": NOT_IDLE in idle}


def facet_values(facets: pl.DataFrame, facet: str) -> list[str]:
    """The sorted choices of one filter (category, industry) from explorer__facets."""
    return sorted(facets.filter(pl.col("facet") == facet)["value"].to_list())


def list_key(month: str, codes: pl.Series) -> str:
    """A widget key that changes with the list's rows. Streamlit keeps a keyed table's selected row numbers when
    its data changes, so under one fixed key a selection made before filtering would point at another project."""
    digest = hashlib.sha1("\n".join([month, *codes.to_list()]).encode()).hexdigest()[:16]
    return f"explorer_table_{digest}"


def row_of(table: pl.DataFrame, code: str | None) -> int | None:
    """The row number of a 项目代码 in the shown list (to show a deep-linked project as selected)."""
    if not code:
        return None
    hits = table.with_row_index("row").filter(pl.col("项目代码") == code)["row"]
    return int(hits[0]) if hits.len() else None


def chosen_project(selected: str | None, linked: str | None, list_key: str,
                   selection_key: str | None) -> tuple[str | None, str | None]:
    """Which project the view shows, and which list now holds the selection (kept in session state).

    selected: the code of the row selected in the list shown now (None when none); linked: ?project= of the URL;
    selection_key: the list that held the selection on the previous run. A selection opens its project; clearing
    it in the same list closes the view; a list that does not show the linked project (other filters, or a
    shared link) leaves the view open."""
    if selected:
        return selected, list_key
    if selection_key == list_key:
        return None, None
    return linked or None, selection_key


def markdown_text(text: str) -> str:
    """Text as literal markdown (project names may hold * _ [ ] and the like)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$])", r"\\\1", text)


def chunks(items: dict, size: int) -> list[list[tuple]]:
    pairs = list(items.items())
    return [pairs[i:i + size] for i in range(0, len(pairs), size)]


def list_table(projects: pl.DataFrame) -> pl.DataFrame:
    """The list as users read and export it: Chinese headers, money in 亿元."""
    return labels.table(
        projects, "project_name", "project_code", "unit_name", "category", "industry", "stage",
        pl.col("total_investment_yi").round(2), pl.col("investment_to_date_yi").round(2),
        pl.col("investment_this_year_yi").round(2), "size_tier", "leader_tier",
        pl.col("warning_grade").fill_null("").alias("grade"),
        pl.when(pl.col("is_snail")).then(pl.lit("是")).otherwise(pl.lit("")).alias("is_snail"),
        "signed_on", "started_on",
    )


def header_facts(project: dict) -> dict[str, str]:
    """The project's identity card, in display order."""
    leader = project["leader_tier"] + ("（设专班）" if project["needs_task_force"] else "")
    return {
        "项目代码": project["project_code"],
        "县级主体": project["unit_name"],
        "项目类别": project["category"],
        "所属产业": project["industry"] or "—",
        "总投资": f"{project['total_investment_yi']:,.2f}亿元",
        "规模": project["size_tier"],
        "联系领导": leader,
        "所处阶段": project["stage"],
        "蜗牛项目": _snail_text(project),
    }


def _snail_text(project: dict) -> str:
    if project["is_snail_start"]:
        return f"是（超合同开工{project['months_past_contract_start']}个月未开工）"
    if project["is_snail_completion"]:
        return f"是（超合同竣工{project['months_past_contract_completion']}个月未竣工）"
    return "否"


def contract_gaps(project: dict) -> list[dict]:
    """Contract against actual for 开工 and 竣工: a segment from the contract date to the actual date (早于/按合同
    or 晚于合同), or, when the step is not reached and the contract date has passed, to the snapshot date (超合同未到达)."""
    snapshot: dt.date = project["snapshot_date"]
    gaps = []
    for step, (_, col) in CONTRACT.items():
        contract, actual = project[col], project[dict(STEPS)[step]]
        if contract is None:
            continue
        if actual is not None:
            kind = "按合同" if actual <= contract else "晚于合同"
            gaps.append({"step": step, "start": contract, "end": actual, "kind": kind})
        elif contract < snapshot:
            gaps.append({"step": step, "start": contract, "end": snapshot, "kind": "超合同未到达"})
    return gaps


GAP_COLORS = {"按合同": theme.COLORS["on_pace"], "晚于合同": theme.COLORS["behind"],
              "超合同未到达": theme.COLORS["far_behind"]}


def timeline_figure(project: dict) -> go.Figure:
    """Each lifecycle step a row (签约 on top): actual date as a filled dot, missing steps greyed at the snapshot
    date, contract start/completion as open diamonds on the 开工/竣工 rows joined to the actual date (or, when
    overdue, to the snapshot date) by a line coloured by lateness; the snapshot date as a vertical line."""
    snapshot: dt.date = project["snapshot_date"]
    rows = [name for name, _ in STEPS]
    reached = [(name, project[col]) for name, col in STEPS if project[col] is not None]
    missing = [name for name, col in STEPS if project[col] is None]
    fig = go.Figure()
    for kind, color in GAP_COLORS.items():
        xs, ys = [], []
        for gap in (g for g in contract_gaps(project) if g["kind"] == kind):
            xs += [gap["start"], gap["end"], None]
            ys += [gap["step"], gap["step"], None]
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=kind, line={"color": color, "width": 6},
                                     hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=[d for _, d in reached], y=[n for n, _ in reached], mode="markers+text", name="已到达",
        marker={"size": 20, "color": [theme.STAGE_COLORS[n] for n, _ in reached]},
        text=[d.isoformat() for _, d in reached], textposition="middle right",
        hovertemplate="%{y}：%{x|%Y-%m-%d}<extra></extra>"))
    if missing:
        fig.add_trace(go.Scatter(
            x=[snapshot] * len(missing), y=missing, mode="markers+text", name="未到达",
            marker={"size": 16, "color": theme.COLORS["no_data"], "symbol": "circle-open", "line": {"width": 3}},
            text=["未到达"] * len(missing), textposition="middle right",
            textfont={"color": theme.COLORS["muted"]}, hovertemplate="%{y}：未到达<extra></extra>"))
    contract = [(label, step, project[col]) for step, (label, col) in CONTRACT.items() if project[col] is not None]
    if contract:
        fig.add_trace(go.Scatter(
            x=[d for *_, d in contract], y=[s for _, s, _ in contract], mode="markers+text", name="合同约定日期",
            marker={"size": 18, "symbol": "diamond-open", "color": theme.COLORS["text"], "line": {"width": 3}},
            text=[f"合同{d.isoformat()}" for *_, d in contract], textposition="top center",
            textfont={"color": theme.COLORS["muted"]},
            customdata=[label for label, *_ in contract],
            hovertemplate="%{customdata}：%{x|%Y-%m-%d}<extra></extra>"))
    fig.add_vline(x=snapshot, line={"color": theme.COLORS["pace_line"], "dash": "dash", "width": 2})
    dates = [d for _, d in reached] + [d for *_, d in contract] + [snapshot]
    start, end = min(dates), max(dates)
    pad = dt.timedelta(days=max(30, (end - start).days // 8))
    fig.update_layout(
        yaxis={"categoryorder": "array", "categoryarray": rows[::-1], "type": "category",
               "tickmode": "array", "tickvals": rows, "ticktext": rows},
        xaxis={"type": "date", "range": [start - pad, end + pad * 2], "tickformat": "%Y-%m"},
        margin={"l": 70, "r": 30, "t": 70, "b": 40})
    return fig


def nodes_figure(nodes: pl.DataFrame) -> go.Figure:
    """Plan against actual for each 推进节点 (first node on top): a line from plan to actual (or to the
    snapshot date when overdue and open), coloured by status; plan an open circle, actual a filled dot."""
    fig = go.Figure()
    order = nodes["node"].to_list()
    for status, color in NODE_COLORS.items():
        rows = nodes.filter(pl.col("status") == status)
        if not rows.height:
            continue
        xs, ys = [], []
        for row in rows.iter_rows(named=True):
            end = row["done_on"] or (row["snapshot_date"] if row["is_overdue"] else None)
            if end is not None:
                xs += [row["planned_on"], end, None]
                ys += [row["node"], row["node"], None]
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": color, "width": 8},
                                     name=status, legendgroup=status, hoverinfo="skip"))
        fig.add_trace(go.Scatter(
            x=rows["planned_on"].to_list(), y=rows["node"].to_list(), mode="markers", name=f"{status}（计划）",
            legendgroup=status, showlegend=not xs,
            marker={"size": 16, "symbol": "circle-open", "color": color, "line": {"width": 3}},
            customdata=rows["slip_days"].to_list(),
            hovertemplate="%{y} 计划：%{x|%Y-%m-%d}<extra></extra>"))
        done = rows.filter(pl.col("done_on").is_not_null())
        if done.height:
            fig.add_trace(go.Scatter(
                x=done["done_on"].to_list(), y=done["node"].to_list(), mode="markers", showlegend=False,
                legendgroup=status, marker={"size": 16, "color": color}, customdata=done["slip_days"].to_list(),
                hovertemplate="%{y} 实际：%{x|%Y-%m-%d}（较计划%{customdata:+d}天）<extra></extra>"))
    if nodes.height:
        fig.add_vline(x=nodes["snapshot_date"][0], line={"color": theme.COLORS["pace_line"], "dash": "dash",
                                                          "width": 2})
    # Every node labelled: at meeting-mode font sizes plotly would otherwise skip every other category.
    fig.update_layout(yaxis={"categoryorder": "array", "categoryarray": order[::-1], "type": "category",
                             "tickmode": "array", "tickvals": order, "ticktext": order},
                      xaxis={"type": "date", "tickformat": "%Y-%m"}, margin={"l": 70, "r": 30, "t": 70, "b": 40})
    return fig


def node_table(nodes: pl.DataFrame) -> pl.DataFrame:
    return labels.table(nodes, "node", "planned_on", "done_on", "status",
                        pl.when(pl.col("status") != "未到期").then(pl.col("slip_days")).alias("slip_days"))


def land_table(land: pl.DataFrame) -> pl.DataFrame:
    """The project's parcels, what matters first (the view is half the screen wide)."""
    return labels.table(land, "parcel_name", pl.col("area").round(2), "supplied_on", pl.col("five_idle").fill_null("—"),
                        pl.col("idle_area").round(2), "started_on", "land_use", "parcel_id")


def performance_figure(project: dict) -> go.Figure:
    """履约: committed 总投资 against 累计完成投资 and 本年完成投资 (亿元), horizontal bars."""
    labels = ["合同总投资", "累计完成投资", "本年完成投资"]
    values = [project["total_investment_yi"], project["investment_to_date_yi"], project["investment_this_year_yi"]]
    colors = [theme.COLORS["muted"], theme.COLORS["primary"], theme.COLORS["secondary"]]
    fig = go.Figure(go.Bar(
        y=labels, x=[v or 0 for v in values], orientation="h", marker_color=colors, showlegend=False,
        text=[f"{v:,.2f}亿元" if v is not None else "未报" for v in values], textposition="outside",
        hovertemplate="%{y}：%{x:,.2f}亿元<extra></extra>"))
    top = max((v for v in values if v), default=1)
    fig.update_layout(xaxis={"title": "亿元", "range": [0, top * 1.3]},
                      yaxis={"categoryorder": "array", "categoryarray": labels[::-1]},
                      margin={"l": 130, "r": 30, "t": 40, "b": 50})
    return fig


def performance_facts(project: dict) -> dict[str, str]:
    """履约 in words: investment progress, committed and actual 亩均投资; tax and value added are not in the data."""
    share = project["investment_share"]
    no_area = "暂无数据（无用地面积）"

    def per_mu(value):
        return f"{value:,.0f}万元/亩" if value is not None else no_area

    this_year = project["investment_this_year_yi"]
    return {
        "投资完成率": f"{share:.1%}" if share is not None else "暂无数据",
        "本年完成投资": f"{this_year:,.2f}亿元" if this_year is not None else "暂无数据",
        "用地面积": f"{project['land_area']:,.2f}亩" if project["land_area"] else "暂无数据",
        "亩均投资（合同）": per_mu(project["investment_per_mu"]),
        "亩均投资（已完成）": (per_mu(project["investment_done_per_mu"])
                       if project["investment_to_date"] is not None or not project["land_area"] else "暂无数据"),
        "亩均税收": "暂无数据",
        "亩均增加值": "暂无数据",
    }


def history_table(history: pl.DataFrame) -> pl.DataFrame:
    """Stage and investment per snapshot month, newest first."""
    return labels.table(
        history.sort("snapshot_month", descending=True), "snapshot_month", "stage",
        pl.col("total_investment_yi").round(2), pl.col("investment_to_date_yi").round(2),
        pl.when(pl.col("is_snail")).then(pl.lit("是")).otherwise(pl.lit("否")).alias("is_snail"))


def stage_names() -> list[str]:
    return list(schema.STAGES)
