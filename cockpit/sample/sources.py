"""The sample's source files, written as the units send them: template headers, and the usual messiness.

Each month: one .xlsx workbook (项目库, 土地, 月度指标; 年度目标 in January) and the 推进节点 as a GBK .csv.
The messiness is what the import must accept: unit names spelled several ways (南湖 / 南湖区 / 嘉兴市南湖区 /
330402 / 经开区), dates as text in various formats, 是/否 flags, amounts as text with thousands separators,
money in 万元 or 亿元 (万美元 or 亿美元) as each unit prefers. Importing these files must give back exactly the
frames the sample drew (tests/test_sample.py checks that).
"""
from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
import polars as pl

from cockpit import metrics, schema, units
from cockpit.sample import targets as sample_targets

UNIT_STYLES = ("name", "short", "city_name", "code")
DATE_STYLES = ("iso", "slash", "dot", "cn")
# Units whose statistics office reports money in 亿元 / 亿美元 rather than 万元 / 万美元.
REPORTS_IN_YI = {"haining": "CNY", "gangqu": "CNY", "jiashan": "USD"}


def rng_for(seed: int, month: str, part: str) -> np.random.Generator:
    """A generator of its own for each month and file, so files do not depend on each other's draws."""
    digest = hashlib.sha256(f"{seed}/{month}/{part}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def unit_text(unit_id: str, style: str) -> str:
    """A unit as some source writes it; the zones have no code, so 'code' falls back to another spelling."""
    if unit_id == units.CITY_ID:
        return {"name": "全市", "short": "全市", "city_name": "嘉兴市", "code": "全市"}[style]
    unit = units.UNIT_BY_ID[unit_id]
    if style == "code" and unit.code is None:
        style = "alias"
    return {"name": unit.name, "short": unit.short, "city_name": "嘉兴市" + unit.name,
            "code": unit.code, "alias": (unit.aliases or (unit.short,))[0]}[style]


def date_text(day: dt.date | None, style: str) -> str | None:
    if day is None:
        return None
    return {"iso": day.isoformat(), "slash": f"{day.year}/{day.month}/{day.day}",
            "dot": f"{day.year}.{day.month:02d}.{day.day:02d}", "cn": f"{day.year}年{day.month}月{day.day}日"}[style]


def amount_text(value: float | None) -> str | None:
    """An amount as a spreadsheet's text cell shows it: 12,345 or 12,345.6."""
    if value is None:
        return None
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def flag_text(value: bool | None) -> str | None:
    return None if value is None else ("是" if value else "否")


def _styles(rng: np.random.Generator, unit_ids: list[str]) -> list[str]:
    """Each unit keeps its own way of writing its name in a month; a few rows stray from it."""
    own = {u.id: UNIT_STYLES[int(rng.integers(len(UNIT_STYLES)))] for u in units.UNITS}
    own[units.CITY_ID] = "name"
    stray = rng.random(len(unit_ids)) < 0.05
    picks = rng.integers(len(UNIT_STYLES), size=len(unit_ids))
    return [UNIT_STYLES[int(p)] if s else own[u] for u, s, p in zip(unit_ids, stray, picks)]


def _date_column(rng: np.random.Generator, values: list[dt.date | None]) -> list[str | None]:
    styles = rng.integers(len(DATE_STYLES), size=len(values))
    return [date_text(v, DATE_STYLES[int(s)]) for v, s in zip(values, styles)]


def _headers(table: schema.Table, frame: pl.DataFrame) -> pl.DataFrame:
    return frame.rename({c.name: c.header for c in table.columns})


def projects_sheet(frame: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """项目库 as the library exports it: some dates as text, flags as 是/否, investment as formatted text."""
    table = schema.PROJECTS
    text_dates = ("registered_on", "started_on", "production_on")  # typed in by hand in the source system
    bools = [c.name for c in table.columns if c.kind == "bool"]
    unit_ids = frame["unit_id"].to_list()
    out = frame.with_columns(
        pl.Series("unit_id", [unit_text(u, s) for u, s in zip(unit_ids, _styles(rng, unit_ids))]),
        *[pl.Series(c, _date_column(rng, frame[c].to_list()), dtype=pl.String) for c in text_dates],
        *[pl.Series(c, [flag_text(v) for v in frame[c].to_list()], dtype=pl.String) for c in bools],
        *[pl.Series(c, [amount_text(v) for v in frame[c].to_list()], dtype=pl.String)
          for c in ("investment_to_date", "investment_this_year")],
    )
    return _headers(table, out.select(table_columns(table)))


def land_sheet(frame: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    table = schema.LAND
    unit_ids = frame["unit_id"].to_list()
    out = frame.with_columns(
        pl.Series("unit_id", [unit_text(u, s) for u, s in zip(unit_ids, _styles(rng, unit_ids))]),
        pl.Series("approved_on", _date_column(rng, frame["approved_on"].to_list()), dtype=pl.String),
        pl.Series("supplied_on", _date_column(rng, frame["supplied_on"].to_list()), dtype=pl.String),
    )
    return _headers(table, out.select(table_columns(table)))


def indicators_sheet(frame: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """月度指标 as the statistics bureau sends it: each unit in its own money unit."""
    table = schema.INDICATORS
    rows = []
    unit_ids = frame["unit_id"].to_list()
    for row, style in zip(frame.iter_rows(named=True), _styles(rng, unit_ids)):
        currency = metrics.MONTHLY_INDICATORS[row["indicator"]]
        in_yi = REPORTS_IN_YI.get(row["unit_id"]) == currency
        factor = 10_000.0 if in_yi else 1.0
        written = {"CNY": "亿元" if in_yi else "万元", "USD": "亿美元" if in_yi else "万美元"}[currency]
        rows.append({
            "month": row["month"], "unit_id": unit_text(row["unit_id"], style), "indicator": row["indicator"],
            "value_ytd": row["value_ytd"] / factor,
            "value_prior_ytd": None if row["value_prior_ytd"] is None else row["value_prior_ytd"] / factor,
            "measure_unit": written,
        })
    out = pl.DataFrame(rows, schema={"month": pl.String, "unit_id": pl.String, "indicator": pl.String,
                                     "value_ytd": pl.Float64, "value_prior_ytd": pl.Float64,
                                     "measure_unit": pl.String})
    return _headers(table, out)


def targets_sheet(plan: dict, year: int) -> pl.DataFrame:
    """年度目标 as the plan's annex lists them: 全市 first, in the display unit of each metric."""
    table = schema.TARGETS
    rows = sample_targets.written(plan, year)
    out = pl.DataFrame([{**r, "unit_id": unit_text(r["unit_id"], "name")} for r in rows],
                       schema={"year": pl.Int32, "unit_id": pl.String, "target": pl.String,
                               "target_value": pl.Float64, "measure_unit": pl.String})
    return _headers(table, out)


def nodes_csv(frame: pl.DataFrame, rng: np.random.Generator) -> bytes:
    """推进节点 exported from a county's system as CSV in GBK, dates as text in mixed formats."""
    table = schema.NODES
    style = DATE_STYLES[int(rng.integers(len(DATE_STYLES)))]
    out = frame.with_columns(
        pl.Series("planned_on", [date_text(d, style) for d in frame["planned_on"].to_list()], dtype=pl.String),
        pl.Series("done_on", _date_column(rng, frame["done_on"].to_list()), dtype=pl.String),
    )
    text = _headers(table, out.select(table_columns(table))).write_csv()
    return text.replace("\n", "\r\n").encode("gbk")


def table_columns(table: schema.Table) -> list[str]:
    return [c.name for c in table.columns]
