"""“五未”土地: totals, aging and month-over-month summaries of the idle__* queries, their figures and tables."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from cockpit import labels, schema
from cockpit.charts import theme
from cockpit.views.common import SEVERITY, stacked_by_unit_figure, stacked_total_labels

# measure key -> (column in the by-unit / aging frames, axis title, unit word)
MEASURES = {"area": ("idle_area", "“五未”面积（亩）", "亩"), "count": ("parcels", "地块数（宗）", "宗")}
CATEGORIES = schema.FIVE_IDLE

DEFINITION = ("口径：每宗地块按所处的第一个未完成环节归入一类——批而未供（已批未供地）、供而未用（已供地未开工）、"
              "用而未尽（已开工未竣工）、建而未投（已竣工未投产）、投而未达规（已投产未达规上）；"
              "已达规的地块不计入，日期缺环（如有竣工日期而无开工日期）的地块列为数据不全，"
              "地块总数=五类合计+已达规+数据不全。"
              "面积：用而未尽计未开发部分（面积−已开发面积），已开发面积未填的按整宗面积计；其余各类计地块面积。")
AGING_DEFINITION = ("口径：滞留时长=自进入当前类别之日（批准/供地/开工/竣工/投产日期）至月末的整月数；"
                    "分档 不满6个月 [0,6)、6–12个月 [6,12)、12–24个月 [12,24)、24个月及以上 [24,∞)。")
CHANGE_DEFINITION = ("口径：与上一期土地快照比较。某类“新增”=本期在该类、上期不在（新入台账、新列入或由其他类转入）；"
                     "“消除”=上期在该类、本期不在（转入下一类、退出“五未”或移出台账）。"
                     "地块从一类转入另一类，计为原类别消除、新类别新增。")

TREND_DEFINITION = ("口径：截至所选月份的最近12期土地快照，各期处于“五未”各类的地块面积（或宗数），"
                    "每期按该期台账归类；缺月的快照不补。")


def totals(by_unit: pl.DataFrame) -> pl.DataFrame:
    """Per category (in lifecycle order): parcels and area now and in the previous snapshot."""
    return (by_unit.group_by("category", "category_order")
            .agg(pl.col("parcels", "idle_area").sum(),
                 *(pl.when(pl.col("prev_month").is_null().all()).then(None).otherwise(pl.col(c).sum()).alias(c)
                   for c in ("parcels_prev", "idle_area_prev")))
            .sort("category_order"))


def grand_total(by_unit: pl.DataFrame) -> dict[str, float | None]:
    """Parcels and area over all categories and units shown, now and previously (None without a previous)."""
    has_prev = by_unit.height > 0 and by_unit["prev_month"][0] is not None
    return {
        "parcels": float(by_unit["parcels"].sum()),
        "idle_area": float(by_unit["idle_area"].sum()),
        "parcels_prev": float(by_unit["parcels_prev"].sum()) if has_prev else None,
        "idle_area_prev": float(by_unit["idle_area_prev"].sum()) if has_prev else None,
    }


def by_unit_figure(by_unit: pl.DataFrame, measure: str = "area") -> go.Figure:
    """Stacked bars: each unit's idle land by category, total on top."""
    column, axis_title, word = MEASURES[measure]
    return stacked_by_unit_figure(by_unit, "category", [(c, c, theme.FIVE_IDLE_COLORS[c]) for c in CATEGORIES],
                                  column, axis_title, word, ":,.0f")


# The page's queries (issue 19 §6): the aging chart by a SQL aggregate, the list's shown rows by a limit and its
# total by a count, with the analyst's filters as parameters.
AGING_QUERY = "idle__aging"
LIST_QUERY = "idle__list"
LIST_SUMMARY_QUERY = "idle__list_summary"


def list_params(categories: list[str] | None = None, buckets: list[str] | None = None,
                min_area: float = 0.0) -> dict:
    """The analyst's list filters as idle__list / idle__list_summary parameters: categories, aging buckets (empty =
    all) and a minimum idle area."""
    return {"categories": list(categories or []), "buckets": list(buckets or []), "min_area": float(min_area or 0)}


def whole_list_params() -> dict:
    """LIST_QUERY's parameters for every parcel of the month and unit, no filter and no limit (the 通报's 附件)."""
    return {**list_params(), "limit": None}


def aging_buckets(aging_frame: pl.DataFrame) -> list[str]:
    """The 滞留时长 buckets present, in their order (the list's bucket choices)."""
    return aging_frame.sort("aging_order")["aging_bucket"].unique(maintain_order=True).to_list()


def aging(parcels: pl.DataFrame) -> pl.DataFrame:
    """Parcels and idle area per category and aging bucket (buckets as idle__parcels_core defines them)."""
    return (parcels.group_by("category", "category_order", "aging_bucket", "aging_order")
            .agg(parcels=pl.len(), idle_area=pl.col("idle_area").sum())
            .sort("category_order", "aging_order"))


def aging_figure(aging_frame: pl.DataFrame, measure: str = "area") -> go.Figure:
    """Horizontal stacked bars: for each category, how long its parcels have been stuck."""
    column, axis_title, word = MEASURES[measure]
    buckets = aging_frame.select("aging_bucket", "aging_order").unique().sort("aging_order")
    fig = go.Figure()
    for bucket, order in buckets.iter_rows():
        rows = aging_frame.filter(pl.col("aging_bucket") == bucket)
        fig.add_trace(go.Bar(
            y=rows["category"].to_list(), x=rows[column].to_list(), name=bucket, orientation="h",
            marker_color=SEVERITY[min(order, len(SEVERITY)) - 1],
            hovertemplate=f"%{{y}} {bucket}：%{{x:,.0f}}{word}<extra></extra>"))
    fig.update_layout(barmode="stack", xaxis_title=axis_title, legend_traceorder="normal",
                      yaxis={"categoryorder": "array", "categoryarray": list(CATEGORIES)[::-1]})
    return fig


def change_summary(changes: pl.DataFrame) -> pl.DataFrame:
    """Per category: parcels and area 新增 and 消除 against the previous snapshot, zeros included."""
    counted = (changes.group_by("category")
               .agg(new_parcels=(pl.col("change") == "新增").sum(),
                    new_area=pl.col("idle_area").filter(pl.col("change") == "新增").sum(),
                    cleared_parcels=(pl.col("change") == "消除").sum(),
                    cleared_area=pl.col("idle_area").filter(pl.col("change") == "消除").sum()))
    grid = pl.DataFrame({"category": list(CATEGORIES), "category_order": list(range(1, len(CATEGORIES) + 1))})
    return (grid.join(counted, on="category", how="left")
            .with_columns(pl.col("new_parcels", "cleared_parcels").fill_null(0).cast(pl.Int64),
                          pl.col("new_area", "cleared_area").fill_null(0.0).cast(pl.Float64))
            .sort("category_order"))


def change_figure(summary: pl.DataFrame, measure: str = "area") -> go.Figure:
    """Diverging bars per category: 新增 upwards (red), 消除 downwards (green)."""
    _column, axis_title, word = MEASURES[measure]
    new_col, cleared_col = ("new_area", "cleared_area") if measure == "area" else ("new_parcels", "cleared_parcels")
    x = summary["category"].to_list()
    new, cleared = summary[new_col].to_list(), summary[cleared_col].to_list()
    fig = go.Figure([
        go.Bar(x=x, y=new, name="新增", marker_color=theme.COLORS["far_behind"],
               text=[f"+{v:,.0f}" if v else "" for v in new], textposition="outside",
               hovertemplate=f"%{{x}} 新增：%{{y:,.0f}}{word}<extra></extra>"),
        go.Bar(x=x, y=[-v for v in cleared], name="消除", marker_color=theme.COLORS["on_pace"],
               text=[f"−{v:,.0f}" if v else "" for v in cleared], textposition="outside",
               customdata=cleared, hovertemplate=f"%{{x}} 消除：%{{customdata:,.0f}}{word}<extra></extra>"),
    ])
    fig.update_layout(barmode="relative", yaxis_title=axis_title, yaxis_zeroline=True,
                      yaxis_zerolinecolor=theme.COLORS["pace_line"])
    return fig


def trend_figure(trend: pl.DataFrame, measure: str = "area") -> go.Figure:
    """Stacked bars per snapshot month (idle__trend): how the idle land of each category moved over a year."""
    column, axis_title, word = MEASURES[measure]
    months = trend["snapshot_month"].unique().sort().to_list()
    x = [f"{m[:4]}年{int(m[5:])}月" for m in months]
    fig = go.Figure()
    for category in CATEGORIES:
        rows = trend.filter(pl.col("category") == category).sort("snapshot_month")
        fig.add_trace(go.Bar(
            x=[f"{m[:4]}年{int(m[5:])}月" for m in rows["snapshot_month"]], y=rows[column].to_list(), name=category,
            marker_color=theme.FIVE_IDLE_COLORS[category],
            hovertemplate=f"%{{x}} {category}：%{{y:,.0f}}{word}<extra></extra>"))
    month_totals = trend.group_by("snapshot_month").agg(pl.col(column).sum()).sort("snapshot_month")
    stacked_total_labels(fig, x, month_totals[column].to_list())
    fig.update_layout(barmode="stack", yaxis_title=axis_title, xaxis={"type": "category", "categoryorder": "array",
                                                                      "categoryarray": x})
    return fig


def reconciliation(recon: pl.DataFrame) -> dict[str, float]:
    """The month's 地块总数 and where every parcel is (idle__reconciliation rows, any unit scope)."""
    def parcels(*statuses: str) -> int:
        return int(recon.filter(pl.col("idle_status").is_in(list(statuses)))["parcels"].sum())

    return {
        "parcels": int(recon["parcels"].sum()),
        "area": float(recon["area"].sum()),
        "idle": parcels(*CATEGORIES),
        "above_scale": parcels("已达规"),
        "data_gap": parcels("数据不全"),
        "developed_area_missing": int(recon["developed_area_missing"].sum()),
    }


def reconciliation_text(recon: pl.DataFrame) -> str:
    """地块总数 = Σ五类 + 已达规 + 数据不全, in one sentence with each category's count."""
    r = reconciliation(recon)
    by_status = dict(recon.group_by("idle_status").agg(pl.col("parcels").sum()).iter_rows())
    five = " + ".join(f"{c}{by_status.get(c, 0):,}" for c in CATEGORIES)
    text = (f"核对：地块总数{r['parcels']:,}宗 = “五未”{r['idle']:,}宗（{five}） + 已达规{r['above_scale']:,}宗 "
            f"+ 数据不全{r['data_gap']:,}宗")
    if r["developed_area_missing"]:
        text += f"；其中用而未尽{r['developed_area_missing']:,}宗已开发面积未填，按整宗面积计入"
    return text + "。"


def reconciliation_table(recon: pl.DataFrame) -> pl.DataFrame:
    """Per status (five categories, 已达规, 数据不全, then 合计): parcels, whole area and “五未” area."""
    rows = (recon.group_by("idle_status", "status_order", "is_idle")
            .agg(pl.col("parcels", "area", "idle_area", "developed_area_missing").sum())
            .sort("status_order"))
    table = rows.select(
        pl.col("idle_status").alias("归类"),
        pl.col("parcels").cast(pl.Int64).alias("地块数（宗）"),
        pl.col("area").round(2).alias("地块面积（亩）"),
        pl.when(pl.col("is_idle")).then(pl.col("idle_area").round(2)).alias("“五未”面积（亩）"),
        pl.when(pl.col("developed_area_missing") > 0)
        .then(pl.col("developed_area_missing").cast(pl.String) + "宗已开发面积未填，按整宗计")
        .otherwise(pl.lit("")).alias("说明"),
    )
    total = pl.DataFrame({"归类": ["地块总数"], "地块数（宗）": [int(rows["parcels"].sum())],
                          "地块面积（亩）": [round(float(rows["area"].sum()), 2)],
                          "“五未”面积（亩）": [round(float(rows.filter(pl.col("is_idle"))["idle_area"].sum()), 2)],
                          "说明": ["=五类合计+已达规+数据不全"]}, schema=table.schema)
    return pl.concat([table, total])


def data_gap_table(gaps: pl.DataFrame) -> pl.DataFrame:
    """Parcels left out as 数据不全, with the date that is missing."""
    return gaps.select(
        pl.col("unit_name").alias("县级主体"),
        pl.col("parcel_id").alias("电子监管号"),
        pl.col("parcel_name").alias("地块名称"),
        pl.col("land_use").alias("土地用途"),
        pl.col("area").round(2).alias("面积（亩）"),
        pl.col("data_gap").alias("数据缺项"),
        pl.col("supplied_on").alias("供地日期"),
        pl.col("started_on").alias("实际开工日期"),
        pl.col("completed_on").alias("竣工日期"),
        pl.col("production_on").alias("投产日期"),
        pl.col("above_scale_on").alias("达规日期"),
    )


def parcel_table(parcels: pl.DataFrame) -> pl.DataFrame:
    """The parcel list as users read and export it."""
    return labels.table(
        parcels, "unit_name", pl.col("category").alias("five_idle"), "parcel_id", "parcel_name",
        pl.col("project_name").fill_null("—"), pl.col("project_code").fill_null("—"), "land_use",
        pl.col("area").round(2), pl.col("idle_area").round(2), "idle_since", "idle_months", "aging_bucket",
        pl.col("prev_category").fill_null("—"),
        pl.when(pl.col("developed_area_missing")).then(pl.lit("已开发面积未填，按整宗计")).otherwise(pl.lit(""))
        .alias("note"),
    )


def change_table(changes: pl.DataFrame) -> pl.DataFrame:
    """Parcels that entered or left a category since the previous snapshot."""
    return labels.table(changes, "change", pl.col("category").alias("five_idle"), "unit_name", "parcel_id",
                        "parcel_name", "detail", pl.col("idle_area").round(2))
