"""统筹 across units (issue 19 §4): possible duplicate attraction (the same project in two units' 项目库), moves
between units (横向转移) and 产业雷同 (the industries many units chase). Frames from queries/coordination__*.sql
(the names normalised at import: cockpit/names.py, derived as shared_names); their parameters from the
[lookahead] settings. No Streamlit, no queries."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from cockpit import config, labels
from cockpit.charts import theme

_DEFAULTS = {"duplicate_window_months": 12, "duplicate_investment_tolerance": 0.1, "crowded_industry_units": 5,
             "duplicate_max_projects": 50}


def settings() -> dict:
    return {**_DEFAULTS, **config.settings().get("lookahead", {})}


def duplicate_definition() -> str:
    s = settings()
    return (f"口径：所选月份项目库中，两个不同县级主体的项目名称经规范化后相同（去掉地名前缀如嘉兴、南湖区、新加坡，"
            "去掉“年产××万吨”等产能、括号内容及“项目、有限公司、集团、一期”等字样），签约日期相差不超过"
            f"{s['duplicate_window_months']}个月，且总投资相差不超过较大者的{s['duplicate_investment_tolerance']:.0%}。"
            f"同一规范化名称见于{s['duplicate_max_projects']}个以上项目的过于笼统（如“新材料”），不逐对比较，另行列出。"
            "仅为疑似重复，供领导小组办公室核实（首报首谈）。")


MOVE_DEFINITION = ("口径：本年各月项目库快照与上一期比较。县级主体变更=同一项目代码在两期中县级主体不同；"
                   "移出项目库=上一期在库、本期不在库，且上一期尚未投产。两期数据并列列出。")


def industry_definition() -> str:
    return (f"口径：本年签约（签约日期在本年且截至月末）项目的总投资，按县级主体和所属产业汇总（亿元）；"
            f"同一产业有{settings()['crowded_industry_units']}个及以上县级主体签约的标为“雷同”（★）。")


DUPLICATES_QUERY = "coordination__duplicates"
GENERIC_NAMES_QUERY = "coordination__generic_names"


def duplicate_params() -> dict:
    """The parameters of coordination__duplicates (the month aside): window, tolerance, the generic-name limit."""
    s = settings()
    return {"window_months": int(s["duplicate_window_months"]),
            "tolerance": float(s["duplicate_investment_tolerance"]),
            "max_projects": int(s["duplicate_max_projects"])}


def generic_params() -> dict:
    """The parameters of coordination__generic_names (the month aside)."""
    return {"max_projects": int(settings()["duplicate_max_projects"])}


def generic_note(generic: pl.DataFrame, shown: int = 3) -> str | None:
    """What the page says of the names too generic to pair (coordination__generic_names rows; None: none)."""
    if generic.is_empty():
        return None
    examples = "、".join(f"“{k}”（{n:,}个）" for k, n in generic.head(shown).iter_rows())
    return (f"另有{generic.height:,}个规范化名称各见于{int(settings()['duplicate_max_projects'])}个以上项目，过于笼统，"
            f"未逐对比较：{examples}" + ("等" if generic.height > shown else "") + "。")


def duplicate_table(pairs: pl.DataFrame) -> pl.DataFrame:
    return pairs.select(
        pl.col("name_key").alias("规范化名称"),
        pl.col("unit_name_a").alias("县级主体甲"), pl.col("project_name_a").alias("项目名称甲"),
        pl.col("project_code_a").alias("项目代码甲"), pl.col("signed_on_a").alias("签约日期甲"),
        (pl.col("total_investment_a") / 10000).round(2).alias("总投资甲（亿元）"),
        pl.col("unit_name_b").alias("县级主体乙"), pl.col("project_name_b").alias("项目名称乙"),
        pl.col("project_code_b").alias("项目代码乙"), pl.col("signed_on_b").alias("签约日期乙"),
        (pl.col("total_investment_b") / 10000).round(2).alias("总投资乙（亿元）"),
    )


def move_table(moves: pl.DataFrame) -> pl.DataFrame:
    return moves.select(
        pl.col("snapshot_month").alias("月份"), pl.col("move_label").alias("变化"),
        pl.col("project_code").alias(labels.header("project_code")),
        pl.col("prev_month").alias("上期月份"), pl.col("name_before").alias("上期项目名称"),
        pl.col("unit_name_before").alias("上期县级主体"), pl.col("investment_before_yi").round(2).alias("上期总投资（亿元）"),
        pl.col("stage_before").alias("上期阶段"),
        pl.col("name_after").alias("本期项目名称"), pl.col("unit_name_after").alias("本期县级主体"),
        pl.col("investment_after_yi").round(2).alias("本期总投资（亿元）"), pl.col("stage_after").alias("本期阶段"),
    )


def industry_matrix(rows: pl.DataFrame) -> pl.DataFrame:
    """Industry × unit of 亿元 signed, with units_chasing (units with any signing) and crowded (≥ the setting);
    industries most chased first, then by total."""
    threshold = int(settings()["crowded_industry_units"])
    per_industry = (rows.group_by("industry")
                    .agg(units_chasing=pl.col("unit_id").n_unique(), total_yi=pl.col("investment").sum() / 10000)
                    .with_columns(crowded=pl.col("units_chasing") >= threshold))
    return (rows.join(per_industry, on="industry")
            .with_columns(investment_yi=pl.col("investment") / 10000)
            .sort(["units_chasing", "total_yi", "industry", "sort_order"], descending=[True, True, False, False]))


def industry_table(matrix: pl.DataFrame) -> pl.DataFrame:
    """Rows: industries (★ when crowded); columns: units in official order, 主体数, 合计."""
    if matrix.height == 0:
        return pl.DataFrame(schema={"所属产业": pl.String})
    units_order = matrix.select("unit_short", "sort_order").unique().sort("sort_order")["unit_short"].to_list()
    wide = matrix.pivot(on="unit_short", index="industry", values="investment_yi", aggregate_function="first")
    meta = matrix.select("industry", "units_chasing", "total_yi", "crowded").unique()
    wide = wide.join(meta, on="industry").sort(["units_chasing", "total_yi"], descending=True)
    return wide.select(
        (pl.col("industry") + pl.when(pl.col("crowded")).then(pl.lit("★")).otherwise(pl.lit(""))).alias("所属产业"),
        *(pl.col(u).round(2).alias(f"{u}（亿元）") for u in units_order),
        pl.col("units_chasing").alias("签约主体数（个）"), pl.col("total_yi").round(2).alias("合计（亿元）"))


def industry_figure(matrix: pl.DataFrame) -> go.Figure:
    """Heatmap: industries (rows, most chased on top, ★ crowded) × units, the 亿元 signed in each cell."""
    industries = matrix.select("industry", "units_chasing", "total_yi", "crowded").unique().sort(
        ["units_chasing", "total_yi"], descending=True)
    unit_axis = matrix.select("unit_short", "sort_order").unique().sort("sort_order")["unit_short"].to_list()
    cells = {(r["industry"], r["unit_short"]): r["investment_yi"] for r in matrix.iter_rows(named=True)}
    z, text = [], []
    for industry in industries["industry"].to_list():
        values = [cells.get((industry, u)) for u in unit_axis]
        z.append(values)
        text.append([f"{v:.1f}" if v is not None else "" for v in values])
    y = [f"{'★' if c else ''}{i}（{n}）" for i, n, c in
         zip(industries["industry"], industries["units_chasing"], industries["crowded"])]
    fig = go.Figure(go.Heatmap(
        z=z, x=unit_axis, y=y, text=text, texttemplate="%{text}", xgap=3, ygap=3,
        colorscale=[[0, "#DBEAFE"], [1, theme.COLORS["primary"]]], colorbar={"title": "亿元"},
        hovertemplate="%{y} %{x}：%{z:.2f}亿元<extra></extra>"))
    fig.update_layout(yaxis={"autorange": "reversed"}, xaxis={"side": "top"},
                      height=max(400, 40 * len(y) + 160), plot_bgcolor=theme.COLORS["no_data"])
    return fig
