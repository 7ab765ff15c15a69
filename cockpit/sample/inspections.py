"""The sample's 核查结果: the push groups' verdicts on each month's new starts, completions and productions.

Most are 属实 and a few 待核; about 8% of the month's new starts are found 不属实, all in two units (海宁市 and
平湖市, where the sample's 开工 reports run ahead of the works); each month one unit (in turn) leaves about a tenth
of its rows unchecked, so it shows as 逾期未核查. Verdicts are dated in the first half of the next month.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from cockpit import schema

REFUTING_UNITS = ("haining", "pinghu")
REFUTED_SHARE = 0.08  # of the month's new starts
PENDING_SHARE = 0.03
UNCHECKED_SHARE = 0.1  # of the rows of the unit whose turn it is
EVENTS = (("开工", "started_on"), ("竣工", "completed_on"), ("投产", "production_on"))
INSPECTORS = {"制造业": ("市经信局", ("王建平", "陈晓东", "周敏")),
              "生产性服务业": ("市发展改革委", ("李文华", "张立新", "吴婷"))}
UNIT_TURN = ("nanhu", "xiuzhou", "jiashan", "haiyan", "haining", "pinghu", "tongxiang", "jingkai", "gangqu")


def events(projects: pl.DataFrame, month: str) -> pl.DataFrame:
    """Project × 核查类型 whose date falls in the month (the 核查清单), in the stored schema's names."""
    parts = [projects.filter(pl.col(column).dt.strftime("%Y-%m") == month)
             .select("project_code", "unit_id", "category", pl.lit(kind).alias("check_type"),
                     pl.col(column).alias("event_on"))
             for kind, column in EVENTS]
    return pl.concat(parts).sort("check_type", "project_code")


def sheet(projects: pl.DataFrame, month: str, rng: np.random.Generator) -> pl.DataFrame:
    """核查结果 as the push groups fill it in (template headers)."""
    rows = events(projects, month)
    if rows.is_empty():
        return pl.DataFrame(schema={c.header: pl.String for c in schema.INSPECTIONS.columns})
    starts = rows.filter(pl.col("check_type") == "开工")
    candidates = starts.filter(pl.col("unit_id").is_in(REFUTING_UNITS))["project_code"].to_list()
    refuted = set(rng.choice(candidates, size=min(len(candidates), round(REFUTED_SHARE * starts.height)),
                             replace=False).tolist()) if candidates else set()
    late_unit = UNIT_TURN[(int(month[:4]) * 12 + int(month[5:])) % len(UNIT_TURN)]
    first = dt.date(int(month[:4]) + int(month[5:]) // 12, int(month[5:]) % 12 + 1, 1)
    out = []
    for row in rows.iter_rows(named=True):
        if row["unit_id"] == late_unit and rng.random() < UNCHECKED_SHARE:
            continue  # not checked in time
        if row["check_type"] == "开工" and row["project_code"] in refuted:
            verdict, note = "不属实", str(rng.choice(["现场未见施工，仅完成场地平整", "仅举行开工仪式，未实质性施工",
                                                      "桩基未施工，开工时间与施工许可不符"]))
        elif rng.random() < PENDING_SHARE:
            verdict, note = "待核", "资料不全，待补充施工许可后复核"
        else:
            verdict, note = "属实", None
        office, people = INSPECTORS.get(row["category"], INSPECTORS["制造业"])
        out.append({"项目代码": row["project_code"], "核查类型": row["check_type"],
                    "核查日期": first + dt.timedelta(days=int(rng.integers(0, 14))), "核查结论": verdict,
                    "核查人": f"{office} {rng.choice(people)}", "说明": note})
    return pl.DataFrame(out, schema={"项目代码": pl.String, "核查类型": pl.String, "核查日期": pl.Date,
                                     "核查结论": pl.String, "核查人": pl.String, "说明": pl.String})
