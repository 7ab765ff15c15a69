"""县市区排名 年度累计 (issue 19 §3): 月度排名综合得分纳入年度考核 — each unit's mean monthly score from January to the
selected month, its rank on that mean, and the year's quarterly bottom-two history (who was 约谈, when, by whom).
Reads the frames of cockpit/views/ranking.py (scores, quarters); no Streamlit, no queries."""
from __future__ import annotations

import polars as pl

from cockpit import labels
from cockpit.views import ranking

ANNUAL_DEFINITION = ("口径：年度累计得分=本年1月至所选月份各月综合得分的算术平均（各月得分按当月口径，保留一位小数后平均），"
                     "只计有得分的月份（“参评月数”）；按年度累计得分排名，得分相同（两位小数）名次并列。"
                     "约谈记录为本年各季末排名末{bottom_n}位的主体及约谈人（连续两个季度末位由市长约谈，否则由分管副市长约谈）。")
_QUARTER_NAMES = "一二三四"
ANNUAL_DIGITS = 2  # the mean's displayed precision; ranks compare at it


def definition() -> str:
    return ANNUAL_DEFINITION.format(bottom_n=int(ranking.settings()["bottom_n"]))


def annual_scores(all_scores: pl.DataFrame, month: str) -> pl.DataFrame:
    """Per unit: months scored, mean score (Jan..month of the year), rank on the mean (ties share), this month's
    score and rank. Units without any score in the year keep a row with nulls, ranked last."""
    year = int(month[:4])
    months = all_scores.filter((pl.col("year") == year) & (pl.col("snapshot_month") <= month))
    per_unit = (months.group_by("unit_id", "unit_name", "unit_short", "sort_order")
                .agg(months_scored=pl.col("score").is_not_null().sum().cast(pl.Int64),
                     annual_score=pl.col("score").round(ranking.SCORE_DIGITS).mean()))
    now = months.filter(pl.col("snapshot_month") == month).select("unit_id", month_score="score", month_rank="rank")
    shown = pl.col("annual_score").round(ANNUAL_DIGITS)
    return (per_unit.join(now, on="unit_id", how="left")
            .with_columns(annual_rank=pl.when(shown.is_not_null())
                          .then(shown.rank("min", descending=True)).cast(pl.Int64))
            .sort(pl.col("annual_rank").fill_null(99), "sort_order"))


def interview_history(quarter_frame: pl.DataFrame, month: str) -> pl.DataFrame:
    """The year's quarters ended by `month`: each bottom unit, its quarter-end rank and score, who interviews."""
    year = int(month[:4])
    return (quarter_frame.filter((pl.col("year") == year) & (pl.col("snapshot_month") <= month) & pl.col("in_bottom"))
            .sort("quarter_index", "rank", "sort_order"))


def interview_words(history: pl.DataFrame) -> dict[str, str]:
    """unit_id -> “一季度（分管副市长约谈）、二季度（市长约谈）”."""
    words: dict[str, list[str]] = {}
    for row in history.iter_rows(named=True):
        words.setdefault(row["unit_id"], []).append(f"{_QUARTER_NAMES[row['quarter'] - 1]}季度（{row['interview']}）")
    return {unit: "、".join(parts) for unit, parts in words.items()}


def annual_table(annual: pl.DataFrame, history: pl.DataFrame) -> pl.DataFrame:
    words = interview_words(history)
    return annual.select(
        pl.col("annual_rank").alias("年度累计排名"),
        pl.col("unit_name").alias(labels.header("unit_name")),
        pl.col("annual_score").round(ANNUAL_DIGITS).alias("年度累计得分"),
        pl.col("months_scored").alias("参评月数"),
        pl.col("month_score").round(1).alias("本月得分"),
        pl.col("month_rank").alias("本月排名"),
        pl.col("unit_id").replace_strict(words, default="—").alias("本年约谈记录"),
    )


def history_table(history: pl.DataFrame) -> pl.DataFrame:
    """Who was 约谈 when, by whom, as a table (one row per quarter and bottom unit)."""
    return ranking.quarter_table(history, int(history["year"][0])) if history.height else pl.DataFrame(
        schema={labels.header(c): pl.String for c in ("quarter_label", "unit_name", "quarter_rank", "quarter_score",
                                                       "consecutive", "interview")})
