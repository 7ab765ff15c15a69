"""一张网: the consistency report between 项目库, 土地, 推进节点 and 月度指标 of one month (issue 19 §5).

Nothing is refused for these findings (the three source systems are what they are); the report makes every
disagreement visible: counts per check and unit, the rows downloadable. Shown on 数据管理 and printed after a
command-line import. The checks run once, at import (queries/int__consistency_findings.sql, cockpit/derive.py); the
pages read that month's findings (queries/consistency__shown.sql, which applies [lookahead] city_sum_tolerance to
check 6): consistency__counts.sql (per check and unit) and consistency__list.sql (one check's rows, a page at a
time, or all). No Streamlit
here."""
from __future__ import annotations

import polars as pl

from cockpit import config, labels, queries, units

COUNTS_QUERY = "consistency__counts"
LIST_QUERY = "consistency__list"
# check_key -> what the user reads, in the query's order
CHECKS = {
    "supplied_without_parcel": "项目库有供地日期、土地表无该项目地块",
    "parcel_unknown_project": "地块所填项目代码不在项目库",
    "supplied_on_differs": "供地日期项目库与土地表不一致",
    "started_on_differs": "实际开工日期项目库与土地表不一致",
    "node_unknown_project": "推进节点的项目代码不在项目库",
    "city_sum_differs": "月度指标全市数与各主体合计不一致",
}
NO_UNIT = "（无县级主体）"
DEFAULT_TOLERANCE = 0.005


def tolerance() -> float:
    return float(config.settings().get("lookahead", {}).get("city_sum_tolerance", DEFAULT_TOLERANCE))


def definition() -> str:
    return ("口径：同一月份快照中，项目库、土地、推进节点、月度指标之间的不一致。供地日期比较项目库“供地日期”与该项目代码"
            "全部地块中最早的供地日期；实际开工日期同理，一方已开工、另一方未开工也列出。推进节点按项目代码与项目库匹配。"
            f"月度指标全市数与九个主体合计相差超过全市数的{tolerance():.1%}时列出。仅提示，不影响导入。")


def counted(month: str) -> pl.DataFrame:
    """Findings per check and unit (check_key, unit_name, findings), counted in SQL."""
    return (queries.run(COUNTS_QUERY, month=month, tolerance=tolerance())
            .with_columns(pl.col("unit_name").fill_null(NO_UNIT)))


def listed(month: str, check_key: str = "", limit: int | None = None) -> pl.DataFrame:
    """The findings of one check ('' for all), in the report's order, the first `limit` (None: all)."""
    rows = queries.run(LIST_QUERY, month=month, tolerance=tolerance(), check_key=check_key, limit=limit)
    return rows.with_columns(pl.col("check_key").replace_strict(CHECKS, default=None).alias("check_name"),
                             pl.col("unit_name").fill_null(NO_UNIT))


def _per_unit(rows: pl.DataFrame) -> pl.DataFrame:
    """counted() rows as they are; listed() rows counted per check and unit."""
    if "findings" in rows.columns:
        return rows
    return rows.group_by("check_key", "unit_name").agg(findings=pl.len())


def counts(rows: pl.DataFrame) -> pl.DataFrame:
    """One row per check (all six, zeros included), one column per unit that has findings, then 合计. Takes
    counted() or listed() rows."""
    rows = _per_unit(rows)
    order = [u.name for u in units.UNITS] + [NO_UNIT]
    present = [u for u in order if u in set(rows["unit_name"].to_list())]
    base = pl.DataFrame({"check_key": list(CHECKS), "检查项": list(CHECKS.values())})
    if rows.height:
        wide = (rows.group_by("check_key", "unit_name").agg(pl.col("findings").sum().alias("n"))
                .pivot(on="unit_name", index="check_key", values="n"))
        base = base.join(wide, on="check_key", how="left")
    for name in present:
        base = base.with_columns(pl.col(name).fill_null(0).cast(pl.Int64))
    total = base.select(pl.sum_horizontal(*present).alias("合计（个）")) if present else pl.DataFrame(
        {"合计（个）": [0] * base.height})
    return pl.concat([base.select("检查项", *present), total], how="horizontal")


def total_by_check(rows: pl.DataFrame) -> dict[str, int]:
    """Findings per check (counted() or listed() rows)."""
    per_check = dict(_per_unit(rows).group_by("check_key").agg(pl.col("findings").sum()).iter_rows())
    return {key: int(per_check.get(key, 0)) for key in CHECKS}


def total(rows: pl.DataFrame) -> int:
    """All findings (counted() or listed() rows)."""
    return int(_per_unit(rows)["findings"].sum())


def summary_lines(rows: pl.DataFrame, month: str) -> list[str]:
    """Lines the command line prints after an import."""
    totals = total_by_check(rows)
    head = f"一张网一致性检查（{month}）：共{total(rows)}条不一致（仅提示，不影响导入）"
    return [head] + [f"  {CHECKS[k]}：{n}条" for k, n in totals.items()]


def table(rows: pl.DataFrame) -> pl.DataFrame:
    """The rows for display and download, Chinese headers."""
    return rows.select(
        pl.col("check_name").alias("检查项"),
        pl.col("unit_name").alias(labels.header("unit_name")),
        pl.col("record_key").alias("项目代码/电子监管号/指标"),
        pl.col("record_name").alias("名称"),
        pl.col("project_value").alias("项目库值／全市数"),
        pl.col("other_value").alias("对照值（土地表／节点数／主体合计）"),
        pl.col("detail").alias("说明"),
    )


def print_summary(month: str, data_dir=None) -> None:
    """After a command-line import: the report's counts for the imported month (the folder is this command's)."""
    import os

    before = os.environ.get("COCKPIT_DATA_DIR")
    if data_dir is not None:
        os.environ["COCKPIT_DATA_DIR"] = str(data_dir)
    try:
        print("\n".join(summary_lines(counted(month), month)))
    finally:
        if before is None:
            os.environ.pop("COCKPIT_DATA_DIR", None)
        else:
            os.environ["COCKPIT_DATA_DIR"] = before
