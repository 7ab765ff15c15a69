"""Turns raw text columns into typed ones, per column kind. Unparseable text becomes null (checked later).

Parsing is strict on purpose: a lenient reader hides typos. "1,2,3" is not 123, "2020-03-05 待定" is not a date,
nan and inf are not amounts, and a full-width ２０２０ in a 项目代码 is the same code as 2020.
"""
from __future__ import annotations

import re

import polars as pl

from cockpit import metrics, schema, units
from cockpit.ingest.read import INVISIBLE

TRUE_TEXT = {"是", "y", "yes", "1", "true", "√", "✓", "有", "t"}
FALSE_TEXT = {"否", "n", "no", "0", "false", "×", "✗", "无", "f"}
# [0-9], never \d: in polars (Rust) \d matches every Unicode digit. A time of day may follow a date, nothing else.
_TIME = r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
_DATE = r"^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?" + _TIME + "$"
_MONTH = r"^([0-9]{4})\s*[-/.年]?\s*([0-9]{1,2})\s*月?(?:[-/.][0-9]{1,2}" + _TIME + ")?$"
_PLAIN_NUMBER = r"^[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_GROUPED_NUMBER = r"^[+-]?[0-9]{1,3}(?:[,，][0-9]{3})+(?:\.[0-9]+)?$"  # thousands separators in groups of three
_DASHES = "[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]"


def number_value(text: str | None) -> float | None:
    """The same rule as _number, for the few cells read outside a frame (合计 rows)."""
    if text is None:
        return None
    if re.fullmatch(_GROUPED_NUMBER, text):
        text = re.sub("[,，]", "", text)
    elif not re.fullmatch(_PLAIN_NUMBER, text):
        return None
    value = float(text)
    return value if value not in (float("inf"), float("-inf")) else None


def _number(col: str) -> pl.Expr:
    text = pl.col(col)
    plain = (pl.when(text.str.contains(_GROUPED_NUMBER)).then(text.str.replace_all("[,，]", ""))
             .when(text.str.contains(_PLAIN_NUMBER)).then(text))
    value = plain.cast(pl.Float64, strict=False)
    return pl.when(value.is_finite()).then(value)  # 1e309 reads as infinity: not an amount


def _year(col: str) -> pl.Expr:
    value = _number(col)
    return pl.when((value == value.floor()) & value.abs().lt(1e9)).then(value).cast(pl.Int32, strict=False)


def _code(col: str) -> pl.Expr:
    """NFKC turns full-width ２０２０－… into ASCII; other dashes become '-'. Other digits then fail the check."""
    return pl.col(col).str.normalize("NFKC").str.replace_all(_DASHES, "-").str.to_uppercase()


def _date(col: str) -> pl.Expr:
    text = pl.col(col)
    compact = text.str.contains(r"^[0-9]{8}$")  # 20200105, as 统计月份 already accepts 202003
    text = pl.when(compact).then(pl.concat_str(text.str.slice(0, 4), text.str.slice(4, 2), text.str.slice(6, 2),
                                                 separator="-")).otherwise(text)
    parts = text.str.extract_groups(_DATE)
    iso = pl.concat_str(parts.struct.field("1"), parts.struct.field("2").str.zfill(2),
                        parts.struct.field("3").str.zfill(2), separator="-")
    return iso.str.to_date("%Y-%m-%d", strict=False)


def _month(col: str) -> pl.Expr:
    parts = pl.col(col).str.extract_groups(_MONTH)
    month = parts.struct.field("2").str.zfill(2)
    valid = month.cast(pl.Int32, strict=False).is_between(1, 12)
    return pl.when(valid).then(pl.concat_str(parts.struct.field("1"), month, separator="-"))


def _lookup(col: str, values: list[str | None], match) -> pl.Expr:
    mapping = {v: match(v) for v in values if v is not None}
    return pl.col(col).replace_strict(mapping, default=None, return_dtype=pl.String)


def _bool(col: str) -> pl.Expr:
    lowered = pl.col(col).str.to_lowercase()
    return (pl.when(lowered.is_in(list(TRUE_TEXT))).then(True)
            .when(lowered.is_in(list(FALSE_TEXT))).then(False))


def _target_name(value: str) -> str | None:
    metric = metrics.match_target(value)
    return metric.name if metric else None


def parsed_expr(column: schema.Column, raw: pl.DataFrame) -> pl.Expr:
    """The typed value of a column; null where the text is blank or cannot be read."""
    name, kind = column.name, column.kind
    distinct = raw[name].unique().to_list() if kind in ("unit", "unit_or_city", "indicator", "target") else []
    expr = {
        "number": lambda: _number(name), "money_cny": lambda: _number(name),
        "money_usd": lambda: _number(name), "area": lambda: _number(name),
        "lon": lambda: _number(name), "lat": lambda: _number(name),
        "year": lambda: _year(name),
        "date": lambda: _date(name), "month": lambda: _month(name), "bool": lambda: _bool(name),
        "unit": lambda: _lookup(name, distinct, units.match_unit),
        "unit_or_city": lambda: _lookup(name, distinct, lambda v: units.match_unit(v, allow_city=True)),
        "indicator": lambda: _lookup(name, distinct, metrics.match_indicator),
        "target": lambda: _lookup(name, distinct, _target_name),
        "code": lambda: _code(name),
        "category": lambda: pl.when(pl.col(name).is_in(list(schema.CATEGORIES))).then(pl.col(name)),
        "node": lambda: pl.when(pl.col(name).is_in(list(schema.NODE_NAMES))).then(pl.col(name)),
        "measure": lambda: pl.when(pl.col(name).is_in(list(schema.MEASURE_UNITS))).then(
            pl.col(name).str.replace("％", "%")),
        "text": lambda: pl.col(name),
        **{k: (lambda k=k: pl.when(pl.col(name).is_in(list(schema.CHOICES[k]))).then(pl.col(name)))
           for k in schema.CHOICES},  # issue 18: 核查类型, 核查结论, 领导职务, 成果
    }[kind]()
    return expr.alias(name)


def parse(table: schema.Table, raw: pl.DataFrame) -> pl.DataFrame:
    """Typed columns under their stored names, the raw text under `<name>__raw`, and the origin columns."""
    # Some exports write 空 in an empty flag cell: it means blank, not a value.
    raw = raw.with_columns([pl.when(pl.col(c.name) != "空").then(pl.col(c.name)).alias(c.name)
                            for c in table.columns if c.kind == "bool"])
    typed = raw.with_columns([pl.col(c.name).alias(f"{c.name}__raw") for c in table.columns])
    # One column at a time: all at once, the date parsers' temporaries of a 200,000-row sheet added 400 MB.
    for column in table.columns:
        typed = typed.with_columns(parsed_expr(column, raw))
    return typed


def strip_invisible(table: schema.Table, raw: pl.DataFrame, limit: int | None = None
                    ) -> tuple[pl.DataFrame, list[tuple[int, str, str]]]:
    """Removes control, zero-width and bidirectional characters (tab and line breaks are left alone).

    Returns the cleaned frame and (row position, column name, the characters as U+XXXX) of every cell changed, so
    the importer can warn: 南湖区 followed by a zero-width space is 南湖区, and says so. Of each column the first
    `limit` cells are listed; all are cleaned.
    """
    names = [c.name for c in table.columns]
    hits = raw.with_row_index("_position").select(
        "_position", *[pl.col(n).str.contains(INVISIBLE).fill_null(False).alias(n) for n in names])
    found = []
    for name in names:
        for position in hits.filter(pl.col(name))["_position"].head(limit).to_list():
            text = raw[name][position]
            chars = sorted({ch for ch in text if re.fullmatch(INVISIBLE, ch)})
            found.append((position, name, "、".join(f"U+{ord(ch):04X}" for ch in chars)))
    if not found:
        return raw, []
    cleaned = [pl.col(n).str.replace_all(INVISIBLE, "").str.strip_chars() for n in names]
    raw = raw.with_columns(cleaned).with_columns(
        [pl.when(pl.col(n) != "").then(pl.col(n)).alias(n) for n in names])
    return raw, sorted(found)

