"""县市区排名: the composite monthly score of each unit from queries/progress__by_metric.sql, ranks, rank changes,
strongest / weakest metric, the quarterly bottom two (约谈), and their figures.

The score uses the same per-unit rows as the 目标进度 page (pace_ratio = 序时完成度), so a metric is counted by one
rule everywhere. Weights, cap and bottom_n come from config [ranking], documented there.
"""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from cockpit import config, labels, units
from cockpit.charts import theme
from cockpit.views import target_progress as progress

SCORE_DEFINITION = ("口径：{coverage}。综合得分=Σ权重×min(序时完成度, {cap:g})÷Σ权重×100，只计该主体有目标且有数据的指标"
                    "（无目标或无数据（未报送）的指标不计，其余指标权重按比例放大；各主体未参评的指标及原因列于排名表）。序时完成度：累计类=完成率÷序时进度；"
                    "比率类=实际÷目标；增长类=(1+实际增长)÷(1+目标增长)。未计入得分的目标（如其余增长类、质量类目标）"
                    "不影响得分，各主体全部目标中落后（含严重落后）的项数列于得分旁。"
                    "得分保留一位小数，排名与颜色按显示的得分判断，得分相同并列。较上月：与上一期快照月份的排名比较（↑上升 ↓下降 —持平）。权重：{weights}。")
QUARTER_DEFINITION = ("口径：季度排名取季末月（3、6、9、12月）的综合得分排名（累计数据已覆盖全季），季末月快照导入后计入。"
                      "每季度排名末{n}位（末位并列一并计入；参评主体多于{n}个时才评）由分管副市长约谈；连续两个季度排名末{n}位由市长约谈。")
SCORE_DIGITS = 1  # the score's displayed precision (综合得分 85.3)


def settings() -> dict:
    return config.section("ranking")


def january_merged() -> bool:
    """config [meeting] merge_january: January is reported with February (1–2月): not ranked on its own, and
    February's ranking is not compared with January's."""
    return bool(config.settings().get("meeting", {}).get("merge_january", False))


def period_label(month: str) -> str:
    """The month as the meeting reports it: 2020年12月, and 2020年1–2月 for February when January is merged."""
    year, number = int(month[:4]), int(month[5:])
    if number == 2 and january_merged():
        return f"{year}年1–2月"
    return f"{year}年{number}月"


def unranked_january(month: str) -> bool:
    """January when it is merged into February: no ranking of its own."""
    return month[5:] == "01" and january_merged()


JANUARY_NOTE = "1–2月合并通报：1月不单独排名，2月例会按1–2月累计数排名。"


def weights() -> dict[str, float]:
    return {k: float(v) for k, v in settings()["weights"].items()}


GROUP_ORDER = ("速度", "总量", "质量")  # the plan's target groups, as the coverage sentence names them


def coverage(weight_map: dict[str, float] | None = None) -> str:
    """Which targets the score covers, from the configured weights: 综合得分：9项速度、总量与质量指标，100分=这些
    指标均达序时 (a unit's other targets do not move its score; the count of all its targets behind is shown)."""
    from cockpit.metrics import METRIC_BY_KEY

    weight_map = {k: v for k, v in (weights() if weight_map is None else weight_map).items() if v > 0}
    groups = [g for g in GROUP_ORDER if any(METRIC_BY_KEY[k].group == g for k in weight_map if k in METRIC_BY_KEY)]
    named = groups[0] if len(groups) == 1 else "、".join(groups[:-1]) + "与" + groups[-1]
    return f"综合得分：{len(weight_map)}项{named}指标，100分=这些指标均达序时"


def covered_metrics(weight_map: dict[str, float] | None = None) -> str:
    """The covered metrics by name, in catalogue order: 工业投资、实际利用外资、…"""
    from cockpit.metrics import METRICS

    weight_map = {k: v for k, v in (weights() if weight_map is None else weight_map).items() if v > 0}
    promotion = ["党政主要领导外出招商"] if PROMOTION_KEY in weight_map else []
    return "、".join([m.label for m in METRICS if m.key in weight_map] + promotion)


def score_definition() -> str:
    from cockpit.metrics import METRIC_BY_KEY

    w = weights()
    listed = "、".join(f"{METRIC_BY_KEY[k].label if k != PROMOTION_KEY else '党政主要领导外出招商'}{v:g}"
                      for k, v in w.items() if k != PROMOTION_KEY or v > 0)
    text = SCORE_DEFINITION.format(cap=float(settings()["cap"]), weights=listed,
                                   coverage=f"{coverage()}（{covered_metrics()}）")
    if w.get(PROMOTION_KEY, 0) > 0:  # issue 18
        text += PROMOTION_DEFINITION.format(n=promotion_per_month())
    return text + (JANUARY_NOTE + "2月的名次不与1月比较。" if january_merged() else "")


def behind_text(behind: int | None, rated: int | None) -> str:
    """落后5/23项: of a unit's targets that have a status, how many are 落后 or 严重落后."""
    return "无评价目标" if not rated else f"落后{behind}/{rated}项"


def quarter_definition() -> str:
    return QUARTER_DEFINITION.format(n=int(settings()["bottom_n"]))


def score_status(score: float | None) -> str | None:
    """A score read like a cumulative metric's pace ratio: ≥ on_pace×100 达序时, ≥ far_behind×100 落后."""
    if score is None:
        return None
    p = progress.status_params()
    return "达序时" if score >= 100 * p["on_pace"] else "落后" if score >= 100 * p["far_behind"] else "严重落后"


def score_params(weight_map: dict[str, float] | None = None, cap: float | None = None) -> dict:
    """The $weight_keys, $weight_values and $cap of queries/ranking__scores.sql (values, not SQL text)."""
    weight_map = weights() if weight_map is None else weight_map
    return {"weight_keys": list(weight_map), "weight_values": [float(v) for v in weight_map.values()],
            "cap": float(settings()["cap"]) if cap is None else float(cap),
            "main_trips_per_month": promotion_per_month()}  # issue 18


# ---- issue 18 §3 (helper inspection): the optional 一把手招商 indicator, [ranking.weights] leader_promotion
PROMOTION_KEY = "leader_promotion"
PROMOTION_DEFINITION = ("一把手招商：序时完成度=本年党政主要领导外出招商次数÷（月份×{n:g}次），即每月{n:g}次为达序时。")


def promotion_per_month() -> float:
    return float((config.settings().get("promotion") or {}).get("main_trips_per_month", 1))


def _promotion_rows(weight_map: dict[str, float]) -> pl.DataFrame | None:
    if weight_map.get(PROMOTION_KEY, 0) <= 0:
        return None
    from cockpit import queries

    return queries.run("promotion__ranking", main_trips_per_month=promotion_per_month())
# ---- end issue 18


def sql_scores(frame: pl.DataFrame) -> pl.DataFrame:
    """The rows of queries/ranking__scores.sql with the column types `scores` gives (the page reads these)."""
    return frame.with_columns(pl.col("metrics_used", "rank", "prev_rank", "rank_change", "targets_behind",
                                     "targets_rated").cast(pl.Int64),
                              pl.col("year", "month_number").cast(pl.Int64, strict=False))


def metric_ratios(rows: pl.DataFrame, weight_map: dict[str, float] | None = None,
                  cap: float | None = None) -> pl.DataFrame:
    """Per month × unit × weighted metric: the 序时完成度 (pace_ratio), capped, and the weight it carries."""
    weight_map = weights() if weight_map is None else weight_map
    cap = float(settings()["cap"]) if cap is None else cap
    w = pl.DataFrame({"metric_key": list(weight_map), "weight": list(weight_map.values())},
                     schema={"metric_key": pl.String, "weight": pl.Float64})
    extra = _promotion_rows(weight_map)  # issue 18: the 一把手招商 indicator when weighted
    if extra is not None:
        rows = pl.concat([rows, extra.filter(pl.col("snapshot_month").is_in(rows["snapshot_month"].unique()))],
                         how="diagonal_relaxed")
    return (rows.filter(pl.col("unit_id") != units.CITY_ID)
            .join(w.filter((pl.col("metric_key") != PROMOTION_KEY) | (pl.col("weight") > 0)), on="metric_key")
            .with_columns(scored=pl.col("pace_ratio").is_not_null() & pl.col("value").is_not_null(),
                          capped=pl.min_horizontal(pl.col("pace_ratio"), pl.lit(cap))))


def scores(rows: pl.DataFrame, weight_map: dict[str, float] | None = None, cap: float | None = None) -> pl.DataFrame:
    """One row per snapshot month × unit: score, rank (ties share), previous rank and change, metrics used,
    strongest and weakest metric. Units with no scored metric have a null score and rank."""
    ratios = metric_ratios(rows, weight_map, cap).filter(pl.col("scored"))
    # The score is kept at the precision it is shown with (one decimal): rank, ties and colour follow the figure
    # users read, so two units shown with 85.3 share a rank and a unit on pace everywhere scores exactly 100.0.
    per_unit = (ratios.sort("pace_ratio", "metric_order", descending=[True, False])
                .group_by("snapshot_month", "unit_id", maintain_order=True)
                .agg(score=(100 * (pl.col("weight") * pl.col("capped")).sum() / pl.col("weight").sum())
                     .round(SCORE_DIGITS),
                     metrics_used=pl.len(),
                     strongest=pl.col("label").first(), strongest_ratio=pl.col("pace_ratio").first(),
                     weakest=pl.col("label").last(), weakest_ratio=pl.col("pace_ratio").last()))
    grid = (rows.filter(pl.col("unit_id") != units.CITY_ID)
            .select("snapshot_month", "year", "month_number", "unit_id", "unit_name", "unit_short", "sort_order")
            .unique())
    ranked = (grid.join(per_unit, on=["snapshot_month", "unit_id"], how="left")
              .join(_unscored(rows, weight_map, cap), on=["snapshot_month", "unit_id"], how="left")
              .with_columns(metrics_used=pl.col("metrics_used").fill_null(0),
                            rank=pl.col("score").rank("min", descending=True).over("snapshot_month")
                            .cast(pl.Int64)))
    months = sorted(ranked["snapshot_month"].unique().to_list())
    previous = pl.DataFrame({"snapshot_month": months[1:], "prev_month": months[:-1]},
                            schema={"snapshot_month": pl.String, "prev_month": pl.String})
    before = ranked.select(pl.col("snapshot_month").alias("prev_month"), "unit_id", pl.col("rank").alias("prev_rank"))
    behind = (rows.filter(pl.col("unit_id") != units.CITY_ID)
              .group_by("snapshot_month", "unit_id")
              .agg(targets_behind=pl.col("status").is_in(["落后", "严重落后"]).sum().cast(pl.Int64),
                   targets_rated=pl.col("status").count().cast(pl.Int64)))
    return (ranked.join(previous, on="snapshot_month", how="left")
            .join(before, on=["prev_month", "unit_id"], how="left")
            .join(behind, on=["snapshot_month", "unit_id"], how="left")
            .with_columns(pl.col("targets_behind", "targets_rated").fill_null(0))
            .with_columns(rank_change=pl.col("prev_rank") - pl.col("rank"))
            .sort("snapshot_month", pl.col("rank").fill_null(99), "sort_order"))


def _unscored(rows: pl.DataFrame, weight_map: dict[str, float] | None, cap: float | None) -> pl.DataFrame:
    """Per month × unit, the weighted metrics left out of the score and why (missing_reason of
    progress__by_metric): `unscored` lists all of them, `missing_data` only those the unit has a target for,
    whose weight silently moved to the other metrics before (南湖: 工业投资（权重20）无数据（未报送）)."""
    left_out = (metric_ratios(rows, weight_map, cap).filter(~pl.col("scored"))
                .sort("metric_order")
                .with_columns(item=pl.col("label") + "（" + pl.col("missing_reason").fill_null("无数据") + "）",
                              weighted=pl.col("label") + "（权重" + pl.col("weight").round(0).cast(pl.Int64)
                              .cast(pl.String) + "）" + pl.col("missing_reason").fill_null("无数据")))
    return (left_out.group_by("snapshot_month", "unit_id", maintain_order=True)
            .agg(unscored=pl.col("item").str.join("、"),
                 missing_data=pl.col("weighted").filter(pl.col("target").is_not_null()).str.join("、"))
            .with_columns(pl.when(pl.col(c) != "").then(pl.col(c)).alias(c) for c in ("unscored", "missing_data")))


def missing_data_notes(month_frame: pl.DataFrame) -> list[str]:
    """One sentence per unit that has a target for a weighted metric but no figure to score it with."""
    return [f"{r['unit_name']}：{r['missing_data']}，本月不计入得分（其余指标权重按比例放大）"
            for r in month_frame.sort("sort_order").iter_rows(named=True) if r["missing_data"]]


def change_marker(rank: int | None, prev_rank: int | None, has_previous_month: bool) -> str:
    """↑2 (up two places), ↓1, — (same, or not ranked now); 新 when ranked now but not in the previous month.
    Arrows, not ▲▼: on slides and pages ▲ is the mark of 落后."""
    if rank is None or (prev_rank is None and not has_previous_month):
        return "—"
    if prev_rank is None:
        return "新"
    change = prev_rank - rank
    return f"↑{change}" if change > 0 else f"↓{-change}" if change < 0 else "—"


def bottom_units(month_frame: pl.DataFrame, bottom_n: int | None = None) -> pl.DataFrame:
    """The month's bottom n ranked units, worst last: every unit with fewer than n units below it, so all units
    tied at the boundary are in (2019-01: 秀洲 and 桐乡 both 50.8 above the last one are both 末2位); none when
    no more than n units are ranked (the rule of `quarters`)."""
    bottom_n = int(settings()["bottom_n"]) if bottom_n is None else bottom_n
    ranked = month_frame.filter(pl.col("rank").is_not_null())
    if ranked.height <= bottom_n:
        return ranked.clear()
    from_bottom = pl.col("score").rank("min", descending=False)
    return ranked.filter(from_bottom <= bottom_n).sort("rank", "sort_order")


def month_scores(all_scores: pl.DataFrame, month: str) -> pl.DataFrame:
    """The month's scores with the rank change marker and the score's status."""
    picked = all_scores.filter(pl.col("snapshot_month") == month)
    if month[5:] == "02" and january_merged():  # 1–2月 together: January was not ranked, nothing to compare
        picked = picked.with_columns(pl.lit(None, pl.String).alias("prev_month"),
                                     pl.lit(None, pl.Int64).alias("prev_rank"),
                                     pl.lit(None, pl.Int64).alias("rank_change"))
    return picked.with_columns(
        change=pl.Series([change_marker(r, p, m is not None) for r, p, m in
                          zip(picked["rank"].to_list(), picked["prev_rank"].to_list(),
                              picked["prev_month"].to_list())], dtype=pl.String),
        status=pl.Series([score_status(s) for s in picked["score"].to_list()], dtype=pl.String),
    )


def ranking_table(month_frame: pl.DataFrame) -> pl.DataFrame:
    """The ranking as users read it: rank, unit, score, change, targets behind, strongest and weakest metric."""
    def ratio_text(label: str | None, ratio: float | None) -> str:
        return "—" if label is None else f"{label}（{ratio:.0%}）"

    return labels.table(
        month_frame, "rank", "unit_name", pl.col("score").round(1), pl.col("change").alias("rank_change"),
        "prev_rank", "metrics_used",
        pl.Series("behind_text", [behind_text(b, n) for b, n in
                  zip(month_frame["targets_behind"].to_list(), month_frame["targets_rated"].to_list())],
                  dtype=pl.String),
        pl.Series("strongest_text", [ratio_text(l, r) for l, r in
                  zip(month_frame["strongest"].to_list(), month_frame["strongest_ratio"].to_list())],
                  dtype=pl.String),
        pl.Series("weakest_text", [ratio_text(l, r) for l, r in
                  zip(month_frame["weakest"].to_list(), month_frame["weakest_ratio"].to_list())], dtype=pl.String),
        pl.col("unscored").fill_null("—"),
    )


def quarters(all_scores: pl.DataFrame, bottom_n: int | None = None) -> pl.DataFrame:
    """Per quarter whose end-month snapshot exists: every ranked unit's score and rank, whether it is in the
    bottom n (ties at the boundary included; only when more than n units are ranked), in the bottom in the
    previous quarter too, and who interviews."""
    bottom_n = int(settings()["bottom_n"]) if bottom_n is None else bottom_n
    ends = (all_scores.filter((pl.col("month_number") % 3 == 0) & pl.col("score").is_not_null())
            .with_columns(quarter=(pl.col("month_number") // 3).cast(pl.Int64)))
    ends = ends.with_columns(
        from_bottom=pl.col("score").rank("min", descending=False).over("snapshot_month").cast(pl.Int64),
        ranked_units=pl.len().over("snapshot_month"),
        quarter_index=pl.col("year").cast(pl.Int64) * 4 + pl.col("quarter") - 1,
    ).with_columns(in_bottom=(pl.col("from_bottom") <= bottom_n) & (pl.col("ranked_units") > bottom_n))
    earlier = ends.select((pl.col("quarter_index") + 1).alias("quarter_index"), "unit_id",
                          pl.col("in_bottom").alias("bottom_before"))
    evaluated = set(ends["quarter_index"].unique().to_list())
    return (ends.join(earlier, on=["quarter_index", "unit_id"], how="left")
            .with_columns(
                previous_evaluated=(pl.col("quarter_index") - 1).is_in(list(evaluated)),
                consecutive=pl.col("in_bottom") & pl.col("bottom_before").fill_null(False))
            .with_columns(interview=pl.when(pl.col("consecutive")).then(pl.lit("市长约谈"))
                          .when(pl.col("in_bottom")).then(pl.lit("分管副市长约谈")))
            .sort("quarter_index", "rank", "sort_order"))


def quarter_label(year: int, quarter: int) -> str:
    return f"{year}年第{'一二三四'[quarter - 1]}季度"


def quarter_table(quarter_frame: pl.DataFrame, year: int) -> pl.DataFrame:
    """The interviewed units of each evaluated quarter of the year, Chinese headers."""
    picked = quarter_frame.filter(pl.col("in_bottom") & (pl.col("year") == year))
    return labels.table(
        picked,
        pl.Series("quarter_label", [quarter_label(y, q) for y, q in zip(picked["year"], picked["quarter"])],
                  dtype=pl.String),
        "unit_name", pl.col("rank").alias("quarter_rank"), pl.col("score").round(1).alias("quarter_score"),
        pl.when(pl.col("consecutive")).then(pl.lit("是")).otherwise(pl.lit("否")).alias("consecutive"),
        "interview",
    )


def quarter_notice(quarter_frame: pl.DataFrame, month: str) -> tuple[str, str] | None:
    """The latest quarter ended by `month` (in its year) that has units in the bottom: the most senior
    interview due and a sentence naming the units (in rank order); None when there is none."""
    year = int(month[:4])
    done = quarter_frame.filter((pl.col("year") == year) & (pl.col("snapshot_month") <= month)
                                & pl.col("in_bottom"))
    if done.height == 0:
        return None
    latest = done.filter(pl.col("quarter_index") == pl.col("quarter_index").max()).sort("rank", "sort_order")
    label = quarter_label(year, latest["quarter"][0])
    names = "、".join(latest["unit_name"].to_list())
    mayor = latest.filter(pl.col("consecutive"))["unit_name"].to_list()
    deputy = latest.filter(~pl.col("consecutive"))["unit_name"].to_list()
    if mayor:
        text = f"{label}排名末位：{names}。连续两个季度末位，由市长约谈：{'、'.join(mayor)}。"
        return "市长约谈", text + (f"分管副市长约谈：{'、'.join(deputy)}。" if deputy else "")
    return "分管副市长约谈", f"{label}排名末位：{names}。由分管副市长约谈。"


# ---------------------------------------------------------------- figures

def ranking_figure(month_frame: pl.DataFrame, highlight: str | None = None) -> go.Figure:
    """Horizontal bars, first place on top, coloured by the score's status, with the rank change beside it."""
    ranked = month_frame.filter(pl.col("score").is_not_null()).sort("rank", "sort_order")
    labels = [f"{r}. {s}" for r, s in zip(ranked["rank"], ranked["unit_short"])]
    score_values = ranked["score"].to_list()
    colors = [theme.status_color(s) for s in ranked["status"].to_list()]
    lines = [{"color": theme.COLORS["text"], "width": 4} if u == highlight else {"width": 0}
             for u in ranked["unit_id"].to_list()]
    fig = go.Figure(go.Bar(
        y=labels, x=score_values, orientation="h", marker={"color": colors,
                                                           "line": {"color": theme.COLORS["text"],
                                                                    "width": [ln["width"] for ln in lines]}},
        showlegend=False,
        customdata=[[w or "—", k or "—"] for w, k in zip(ranked["strongest"], ranked["weakest"])],
        hovertemplate="%{y}：%{x:.1f}分<br>最强：%{customdata[0]}　最弱：%{customdata[1]}<extra></extra>",
    ))
    # beside each bar: score, rank change and how many of all the unit's targets are behind, on white so the
    # 100-point line and the grid pass behind the text instead of through it
    for label, s, c, b, n in zip(labels, score_values, ranked["change"].to_list(), ranked["targets_behind"].to_list(),
                                 ranked["targets_rated"].to_list()):
        fig.add_annotation(x=s, y=label, xanchor="left", xshift=6, showarrow=False, bgcolor="rgba(255,255,255,0.9)",
                           text=f"{s:.1f}　{_coloured_change(c)}　<span style='color:{theme.COLORS['muted']}'>"
                                f"{behind_text(b, n)}</span>")
    progress.status_legend(fig)
    fig.add_vline(x=100, line_dash="dash", line_color=theme.COLORS["pace_line"], line_width=3)
    progress.pace_legend(fig, "100分=这些指标均达序时")
    top = max([110.0, *score_values]) * 1.45  # room for the score, the change and the targets behind
    fig.update_layout(xaxis={"title": "综合得分", "range": [0, top]},
                      yaxis={"categoryorder": "array", "categoryarray": labels[::-1]},
                      height=max(420, 62 * len(labels) + 160), bargap=0.25)
    return fig


def _coloured_change(change: str) -> str:
    color = (theme.COLORS["on_pace"] if change.startswith("↑") else theme.COLORS["far_behind"]
             if change.startswith("↓") else theme.COLORS["muted"])
    return f"<span style='color:{color}'>{change}</span>"


def ratio_matrix(rows: pl.DataFrame, month: str, weight_map: dict[str, float] | None = None) -> pl.DataFrame:
    """Units × weighted metrics of the month: 序时完成度 (null where the unit has no target or value)."""
    ratios = metric_ratios(rows.filter(pl.col("snapshot_month") == month), weight_map)
    return ratios.select("unit_id", "unit_name", "unit_short", "sort_order", "metric_key", "metric_order", "label",
                         "weight",
                         pl.when(pl.col("scored")).then(pl.col("pace_ratio")).alias("pace_ratio"), "status",
                         "target", "missing_reason")


def ratio_table(matrix: pl.DataFrame) -> pl.DataFrame:
    """序时完成度 (%) per unit (rows) and metric (columns, with weights), Chinese headers, for export."""
    wide = (matrix.with_columns(column=pl.col("label") + "（权重" + pl.col("weight").round(0).cast(pl.Int64)
                                .cast(pl.String) + "，%）", pct=(pl.col("pace_ratio") * 100).round(1))
            .sort("metric_order")
            .pivot(on="column", index=["unit_name", "sort_order"], values="pct", maintain_order=True)
            .sort("sort_order"))
    return labels.table(wide, *(c for c in wide.columns if c != "sort_order"))


def ratio_figure(matrix: pl.DataFrame) -> go.Figure:
    """A grid of each unit's 序时完成度 per weighted metric, coloured by status; grey where it has no target."""
    metrics = matrix.select("metric_key", "metric_order", "label").unique().sort("metric_order")
    unit_list = matrix.select("unit_id", "unit_short", "sort_order").unique().sort("sort_order")
    code = {"严重落后": 0, "落后": 1, "达序时": 2}
    lookup = {(r["unit_id"], r["metric_key"]): r for r in matrix.iter_rows(named=True)}
    z, text = [], []
    for unit_id in unit_list["unit_id"]:
        z_row, t_row = [], []
        for key in metrics["metric_key"]:
            r = lookup.get((unit_id, key))
            scored = r is not None and r["pace_ratio"] is not None
            z_row.append(code.get(r["status"], None) if scored else None)
            t_row.append(f"{r['pace_ratio']:.0%}" if scored else "无目标" if r is None or r["target"] is None
                         else "未报送" if r["missing_reason"] == "无数据（未报送）" else r["missing_reason"] or "无数据")
        z.append(z_row)
        text.append(t_row)
    fig = go.Figure(go.Heatmap(
        z=z, x=[progress.wrap_label(m) for m in metrics["label"].to_list()], y=unit_list["unit_short"].to_list(),
        text=text, texttemplate="%{text}", textfont={"size": 22, "color": "white"}, zmin=0, zmax=2, showscale=False,
        colorscale=[[0, theme.STATUS_COLORS["严重落后"]], [0.33, theme.STATUS_COLORS["严重落后"]],
                    [0.33, theme.STATUS_COLORS["落后"]], [0.67, theme.STATUS_COLORS["落后"]],
                    [0.67, theme.STATUS_COLORS["达序时"]], [1, theme.STATUS_COLORS["达序时"]]],
        xgap=3, ygap=3, hoverinfo="skip",
    ))
    fig.update_layout(yaxis={"autorange": "reversed"}, xaxis={"side": "top", "tickangle": 0},
                      plot_bgcolor=theme.COLORS["no_data"], height=max(400, 56 * unit_list.height + 160))
    return fig


def rank_history_figure(all_scores: pl.DataFrame, year: int, highlight: str | None = None) -> go.Figure:
    """Each unit's rank month by month through the year (1 on top)."""
    picked = all_scores.filter((pl.col("year") == year) & pl.col("rank").is_not_null()).sort("month_number")
    fig = go.Figure()
    for i, unit in enumerate(units.UNITS):
        rows = picked.filter(pl.col("unit_id") == unit.id)
        if rows.height == 0:
            continue
        emphasis = highlight in (None, units.CITY_ID) or unit.id == highlight
        fig.add_trace(go.Scatter(
            x=rows["month_number"].to_list(), y=rows["rank"].to_list(), name=unit.short, mode="lines+markers+text",
            text=[unit.short if m == rows["month_number"][-1] else "" for m in rows["month_number"]],
            textposition="middle right", line={"width": 4 if emphasis else 2,
                                               "color": theme.SEQUENCE[i % len(theme.SEQUENCE)]},
            opacity=1.0 if emphasis else 0.35, marker={"size": 10},
            hovertemplate=f"{unit.short} %{{x}}月：第%{{y}}名<extra></extra>"))
    months = sorted(picked["month_number"].unique().to_list())
    fig.update_layout(
        yaxis={"autorange": "reversed", "dtick": 1, "title": "排名"},
        xaxis={"tickvals": months, "ticktext": [f"{m}月" for m in months],
               "range": [min(months, default=1) - 0.4, max(months, default=12) + 0.9]},
        height=520, showlegend=False,
    )
    return fig
