"""Turns raw text columns into typed ones, per column kind. Unparseable text becomes null (checked later)."""
from __future__ import annotations

import polars as pl

from cockpit import metrics, schema, units

TRUE_TEXT = {"是", "y", "yes", "1", "true", "√", "✓", "有", "t"}
FALSE_TEXT = {"否", "n", "no", "0", "false", "×", "✗", "无", "f"}
_DATE = r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$"
_MONTH = r"^(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*月?(?:[-/.]\d{1,2}.*)?$"


def _number(col: str) -> pl.Expr:
    cleaned = pl.col(col).str.replace_all(r"[,，\s]", "")
    return cleaned.cast(pl.Float64, strict=False)


def _date(col: str) -> pl.Expr:
    parts = pl.col(col).str.extract_groups(_DATE)
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
        "year": lambda: _number(name).cast(pl.Int32, strict=False),
        "date": lambda: _date(name), "month": lambda: _month(name), "bool": lambda: _bool(name),
        "unit": lambda: _lookup(name, distinct, units.match_unit),
        "unit_or_city": lambda: _lookup(name, distinct, lambda v: units.match_unit(v, allow_city=True)),
        "indicator": lambda: _lookup(name, distinct, metrics.match_indicator),
        "target": lambda: _lookup(name, distinct, _target_name),
        "code": lambda: pl.col(name).str.to_uppercase(),
        "category": lambda: pl.when(pl.col(name).is_in(list(schema.CATEGORIES))).then(pl.col(name)),
        "node": lambda: pl.when(pl.col(name).is_in(list(schema.NODE_NAMES))).then(pl.col(name)),
        "measure": lambda: pl.when(pl.col(name).is_in(list(schema.MEASURE_UNITS))).then(
            pl.col(name).str.replace("％", "%")),
        "text": lambda: pl.col(name),
    }[kind]()
    return expr.alias(name)


def parse(table: schema.Table, raw: pl.DataFrame) -> pl.DataFrame:
    """Typed columns under their stored names, the raw text under `<name>__raw`, and the origin columns."""
    # Some exports write 空 in an empty flag cell: it means blank, not a value.
    raw = raw.with_columns([pl.when(pl.col(c.name) != "空").then(pl.col(c.name)).alias(c.name)
                            for c in table.columns if c.kind == "bool"])
    typed = raw.with_columns([pl.col(c.name).alias(f"{c.name}__raw") for c in table.columns])
    return typed.with_columns([parsed_expr(c, raw) for c in table.columns])
