"""The import's checks, declared as rules over parsed columns; every failure becomes a Chinese reason.

A rule is (level, column, key, expression): the expression is True where a row is fine. All rules are evaluated
in one polars pass into a table of booleans; only the first failures are turned into messages (a file with every
cell wrong costs a count per column, not millions of messages), the rest are counted.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from cockpit import metrics, schema
from cockpit.ingest import archive

MESSAGES = {
    "required": "必填项为空",
    "number": "不是有效数字", "money_cny": "不是有效数字", "money_usd": "不是有效数字", "area": "不是有效数字",
    "lon": "不是有效数字", "lat": "不是有效数字",
    "date": "不是有效日期（可写作 2020-03-05、2020/3/5、2020.3.5、2020年3月5日）",
    "month": "统计月份格式无效（可写作 2020-03、2020年3月、202003）",
    "year": "年度应为四位数年份",
    "year_range": "年度应在{low}～{high}之间",
    "too_long": "内容过长（{length}个字符，上限{limit}）",
    "bool": "应填 是/否（或 Y/N、1/0）",
    "unit": "无法识别的县级主体（应为九个县级主体之一）",
    "unit_or_city": "无法识别的县级主体（应为九个县级主体之一或“全市”）",
    "indicator": "未知的月度指标名称",
    "target": "未知的年度目标指标名称",
    "category": "项目类别应为“制造业”或“生产性服务业”",
    "node": "节点名称应为 " + "、".join(schema.NODE_NAMES) + " 之一",
    "measure": "未知的计量单位（应为 亿元、万元、亿美元、万美元、个、亩、%）",
    "code_shape": "项目代码格式应为 YYYY-AAAAAA-NN-NN-NNNNNN",
    "negative": "不能为负数",
    "date_range": "日期应在{low}至{high}之间",
    "amount_ceiling": "超过每行上限{limit}",
    "area_ceiling": "超过每行上限{limit}",
    "lon_range": "经度不在嘉兴市范围内（120.2～121.4）",
    "lat_range": "纬度不在嘉兴市范围内（30.2～31.2）",
    "future": "实际日期晚于快照月末（{month_end}）",
    "order": "早于“{other}”，日期先后顺序不对",
    "requires": "已填写，但“{other}”为空",
    "duplicate": "与其他行重复（{key}在同一快照中不能重复）",
    "month_mismatch": "统计月份与导入月份（{month}）不一致",
    "measure_mismatch": "计量单位与该指标不符",
    "developed_over_area": "已开发面积大于地块面积",
    "looks_yi": "金额小于100万元，疑似按亿元填报，请核实",
    "developed_zero": "已竣工但已开发面积为0，请核实",
    # issue 18: fixed lists (核查类型, 核查结论, 领导职务, 成果)
    **{kind: "应为 " + "、".join(values) + " 之一" for kind, values in schema.CHOICES.items()},
}
LON_RANGE, LAT_RANGE = (120.2, 121.4), (30.2, 31.2)
CODE_PATTERN = schema.PROJECT_CODE_PATTERN  # ASCII digits only (see schema)
SHOWN_CHARS = 40  # of a cell quoted in a message

# Actual (not contract or planned) dates: none may lie after the snapshot's month end.
ACTUAL_DATES = {
    "projects": ("signed_on", "registered_on", "land_supplied_on", "started_on", "completed_on",
                 "production_on", "above_scale_on", "full_capacity_on"),
    "land": ("approved_on", "supplied_on", "started_on", "completed_on", "production_on", "above_scale_on"),
    "nodes": ("done_on",),
}
# (later, earlier): the later date may not precede the earlier one.
DATE_ORDER = {
    "projects": (("started_on", "signed_on"), ("completed_on", "started_on"), ("production_on", "completed_on"),
                 ("above_scale_on", "production_on"), ("full_capacity_on", "production_on"),
                 ("contract_completion_on", "contract_start_on")),
    "land": (("supplied_on", "approved_on"), ("started_on", "supplied_on"), ("completed_on", "started_on"),
             ("production_on", "completed_on"), ("above_scale_on", "production_on")),
}
# (date, prerequisite): a date needs its prerequisite filled. 投产 needs 竣工, except for 零增地 projects,
# which produce in leased buildings and have nothing to complete (see _specific_rules).
REQUIRES = {
    "projects": (("completed_on", "started_on"), ("above_scale_on", "production_on"),
                 ("full_capacity_on", "production_on")),
    "land": (("started_on", "supplied_on"), ("completed_on", "started_on"), ("production_on", "completed_on"),
             ("above_scale_on", "production_on")),
}
_METRIC_CURRENCY = {"亿元": "CNY", "亿美元": "USD", "个": "count", "亩": "area", "%": "pct"}


@dataclass(frozen=True)
class Rule:
    level: str  # "error" | "warning"
    column: str  # stored column name the problem is reported on
    key: str  # a MESSAGES key
    ok: pl.Expr  # True where the row passes
    detail: dict | None = None  # values for the message's placeholders


def _col_rules(column: schema.Column) -> list[Rule]:
    c, raw = pl.col(column.name), pl.col(f"{column.name}__raw")
    lim = archive.limits()
    rules = [Rule("error", column.name, "too_long", raw.is_null() | (raw.str.len_chars() <= lim.max_cell_chars),
                  {"limit": lim.max_cell_chars})]
    if column.required:  # a column missing from the sheet is reported once, by the importer
        absent = pl.col("_absent").list.contains(column.name)
        rules.append(Rule("error", column.name, "required", raw.is_not_null() | absent))
    if column.kind in MESSAGES:
        rules.append(Rule("error", column.name, column.kind, raw.is_null() | c.is_not_null()))
    if column.kind in ("money_cny", "money_usd", "area", "number"):
        rules.append(Rule("error", column.name, "negative", c.is_null() | (c >= 0)))
    if column.kind == "date":  # 0001-01-01, 9999-12-31 and Excel serials 1–61 (1900) are typing slips
        low, high = dt.date.fromisoformat(lim.date_min), dt.date.fromisoformat(lim.date_max)
        rules.append(Rule("error", column.name, "date_range", c.is_null() | c.is_between(low, high),
                          {"low": low.isoformat(), "high": high.isoformat()}))
    if column.kind in ("money_cny", "money_usd"):
        unit = "亿元" if column.kind == "money_cny" else "亿美元"
        rules.append(Rule("error", column.name, "amount_ceiling", c.is_null() | (c <= lim.max_amount_wan),
                          {"limit": f"{lim.max_amount_wan / 1e4:,.0f}{unit}"}))
    if column.kind == "area":
        rules.append(Rule("error", column.name, "area_ceiling", c.is_null() | (c <= lim.max_area_mu),
                          {"limit": f"{lim.max_area_mu:,.0f}亩"}))
    if column.kind == "code":
        rules.append(Rule("error", column.name, "code_shape",
                          c.is_null() | c.str.contains(CODE_PATTERN)))
    if column.kind == "year":  # the year also names the snapshot folder: only configured years pass
        rules.append(Rule("error", column.name, "year_range", c.is_null() | c.is_between(lim.year_min, lim.year_max),
                          {"low": lim.year_min, "high": lim.year_max}))
    if column.kind == "lon":
        rules.append(Rule("error", column.name, "lon_range", c.is_null() | c.is_between(*LON_RANGE)))
    if column.kind == "lat":
        rules.append(Rule("error", column.name, "lat_range", c.is_null() | c.is_between(*LAT_RANGE)))
    return rules


def _table_rules(table: schema.Table, month: str, month_end: dt.date) -> list[Rule]:
    headers = {c.name: c.header for c in table.columns}
    rules = []
    for name in ACTUAL_DATES.get(table.name, ()):
        rules.append(Rule("error", name, "future", pl.col(name).is_null() | (pl.col(name) <= month_end),
                          {"month_end": month_end.isoformat()}))
    for later, earlier in DATE_ORDER.get(table.name, ()):
        ok = pl.col(later).is_null() | pl.col(earlier).is_null() | (pl.col(later) >= pl.col(earlier))
        rules.append(Rule("error", later, "order", ok, {"other": headers[earlier]}))
    for name, needed in REQUIRES.get(table.name, ()):
        ok = pl.col(name).is_null() | pl.col(needed).is_not_null()
        rules.append(Rule("error", name, "requires", ok, {"other": headers[needed]}))
    key_cols = list(table.key)
    rules.append(Rule("error", key_cols[0], "duplicate",
                      pl.any_horizontal([pl.col(k).is_null() for k in key_cols])
                      | ~pl.struct(key_cols).is_duplicated(),
                      {"key": "、".join(headers[k] for k in key_cols)}))
    rules += _specific_rules(table, month)
    return rules


def _specific_rules(table: schema.Table, month: str) -> list[Rule]:
    if table.name == "indicators":
        pair = pl.concat_str(pl.col("indicator"), pl.col("measure_unit"), separator="|")
        allowed = [f"{n}|{u}" for n, cur in metrics.MONTHLY_INDICATORS.items()
                   for u, (kind, _f) in schema.MEASURE_UNITS.items() if kind == cur]
        return [
            Rule("error", "month", "month_mismatch", pl.col("month").is_null() | (pl.col("month") == month),
                 {"month": month}),
            Rule("error", "measure_unit", "measure_mismatch",
                 pl.col("indicator").is_null() | pl.col("measure_unit").is_null() | pair.is_in(allowed)),
        ]
    if table.name == "targets":
        pair = pl.concat_str(pl.col("target"), pl.col("measure_unit"), separator="|")
        allowed = [f"{m.name}|{u}" for m in metrics.METRICS
                   for u, (kind, _f) in schema.MEASURE_UNITS.items() if kind == _METRIC_CURRENCY[m.unit]]
        return [Rule("error", "measure_unit", "measure_mismatch",
                     pl.col("target").is_null() | pl.col("measure_unit").is_null() | pair.is_in(allowed))]
    if table.name == "land":
        developed, area = pl.col("developed_area"), pl.col("area")
        return [
            Rule("error", "developed_area", "developed_over_area",
                 developed.is_null() | area.is_null() | (developed <= area)),
            Rule("warning", "developed_area", "developed_zero",
                 pl.col("completed_on").is_null() | developed.is_null() | (developed > 0)),
        ]
    if table.name == "projects":
        production_ok = (pl.col("production_on").is_null() | pl.col("completed_on").is_not_null()
                         | pl.col("is_zero_land").fill_null(False))
        return [Rule("error", "production_on", "requires", production_ok, {"other": "实际竣工日期"}),
                Rule("warning", "total_investment", "looks_yi",
                     pl.col("total_investment").is_null() | (pl.col("total_investment") >= 100)
                     | (pl.col("total_investment") < 0))]
    return []


def rules_for(table: schema.Table, month: str, month_end: dt.date) -> list[Rule]:
    return [r for c in table.columns for r in _col_rules(c)] + _table_rules(table, month, month_end)


def _broken(rules: list[Rule], frame: pl.DataFrame) -> pl.DataFrame:
    """One boolean column per rule (named by its position), True where the row breaks it; and `_position`."""
    return frame.select([(~r.ok.fill_null(True)).fill_null(False).alias(str(i)) for i, r in enumerate(rules)]
                        ).with_row_index("_position")


def failures(table: schema.Table, frame: pl.DataFrame, month: str, month_end: dt.date, limit: int | None = None
             ) -> list[tuple[Rule, int]]:
    """(rule, row position) for the rules rows break, errors and warnings alike: of each level the first `limit`."""
    rules = rules_for(table, month, month_end)
    if frame.is_empty() or not rules:
        return []
    broken = _broken(rules, frame)
    order = {c.name: i for i, c in enumerate(table.columns)}
    found = []
    for level in ("error", "warning"):
        names = [str(i) for i, r in enumerate(rules) if r.level == level]
        if not names:
            continue
        rows = broken.filter(pl.any_horizontal(names)).select("_position", *names)
        if limit is not None:
            rows = rows.head(limit)
        chosen = []
        for values in rows.iter_rows():
            chosen += [(rules[int(n)], values[0]) for n, hit in zip(names, values[1:]) if hit]
        # Row by row; within a row, in the order of the template's columns.
        chosen.sort(key=lambda pair: (pair[1], order[pair[0].column]))
        found += chosen[:limit] if limit is not None else chosen
    position = {id(rule): i for i, rule in enumerate(rules)}
    return sorted(found, key=lambda pair: (pair[1], order[pair[0].column], position[id(pair[0])]))


def counts(table: schema.Table, frame: pl.DataFrame, month: str, month_end: dt.date, level: str = "error"
           ) -> dict[str, int]:
    """Rows with at least one problem of this level, by stored column name (columns without any left out)."""
    rules = [r for r in rules_for(table, month, month_end) if r.level == level]
    if frame.is_empty() or not rules:
        return {}
    broken = _broken(rules, frame)
    by_column: dict[str, list[str]] = {}
    for i, rule in enumerate(rules):
        by_column.setdefault(rule.column, []).append(str(i))
    totals = broken.select([pl.any_horizontal(names).sum().alias(column) for column, names in by_column.items()])
    return {column: int(n) for column, n in totals.row(0, named=True).items() if n}


def shown(raw_value: str) -> str:
    return raw_value if len(raw_value) <= SHOWN_CHARS else raw_value[:SHOWN_CHARS] + "…"


def reason(rule: Rule, raw_value: str | None) -> str:
    detail = dict(rule.detail or {})
    if rule.key == "too_long":
        detail["length"] = len(raw_value or "")
    text = MESSAGES[rule.key].format(**detail)
    return f"{text}（“{shown(raw_value)}”）" if raw_value is not None and rule.key != "required" else text
