"""Sample 推进节点: each project's plan, set at signing by standard durations (定额), and when each node was done."""
from __future__ import annotations

import datetime as dt

import polars as pl

from cockpit import schema
from cockpit.sample.projects import Life
from cockpit.sample.timeline import month_end, shift

# Planned months after signing for the nodes before 开工 (the 定额 of the 崇川 proposal, a little generous).
_EARLY_PLAN = {"规划": 1.5, "选址": 2.5, "可研": 3.5, "立项": 4.5, "征地": 8.0}


def draw(lives: list[Life]) -> pl.DataFrame:
    rows = []
    for life in lives:
        row = life.row
        signed = row["signed_on"]
        start = life.plan_start
        if row["contract_start_on"] is not None:
            duration = (row["contract_completion_on"] - row["contract_start_on"]).days
        else:
            duration = 365
        planned = {node: shift(signed, months) for node, months in _EARLY_PLAN.items()}
        planned.update({"报建": shift(start, -1.5), "招标": shift(start, -0.7), "开工": start,
                        "竣工": start + dt.timedelta(days=duration)})
        planned["投产"] = shift(planned["竣工"], 2.0)
        for node in schema.NODE_NAMES:
            if node == "征地" and row["is_zero_land"]:
                continue  # 零增地 projects rent buildings: no land to acquire
            rows.append((row["project_code"], node, planned[node], life.node_done[node], signed))
    frame = pl.DataFrame(rows, orient="row", schema={
        "project_code": pl.String, "node": pl.String, "planned_on": pl.Date, "done_on": pl.Date,
        "signed_on": pl.Date})
    order = pl.DataFrame({"node": list(schema.NODE_NAMES), "_order": list(range(len(schema.NODE_NAMES)))})
    return frame.join(order, on="node").sort("project_code", "_order").drop("_order")


def snapshot(nodes: pl.DataFrame, month: str) -> pl.DataFrame:
    """The nodes of projects signed by the month's end; 实际完成日期 only when done by then."""
    day = month_end(month)
    return (nodes.filter(pl.col("signed_on") <= day)
            .with_columns(pl.when(pl.col("done_on") <= day).then(pl.col("done_on")).alias("done_on"))
            .select(list(schema.stored_schema(schema.NODES))))
