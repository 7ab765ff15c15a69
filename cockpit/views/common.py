"""问题项目 views (“五未”土地, 蜗牛项目, 分级预警): small view logic and figure builders, no Streamlit."""
from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from cockpit import units
from cockpit.charts import theme

# Severity scale for aging and lateness bands, mildest first (from the theme's palette).
SEVERITY = (theme.COLORS["secondary"], theme.COLORS["behind"], theme.COLORS["far_behind"],
            theme.FIVE_IDLE_COLORS["批而未供"])
HEADLINE_NUMBER_SIZE = 80
HEADLINE_TITLE_SIZE = 28


@dataclass(frozen=True)
class Headline:
    """One big number for the meeting screen."""
    label: str
    value: float
    suffix: str
    color: str = theme.COLORS["primary"]
    previous: float | None = None  # shows the change against it; an increase is drawn red (bad)


def headline_figure(items: list[Headline], height: int = 260) -> go.Figure:
    """Big numbers side by side (plotly indicators), readable from the back of the meeting room."""
    fig = go.Figure()
    n = len(items)
    for i, item in enumerate(items):
        fig.add_trace(go.Indicator(
            mode="number+delta" if item.previous is not None else "number",
            value=item.value,
            number={"suffix": item.suffix, "valueformat": ",.0f",
                    "font": {"size": HEADLINE_NUMBER_SIZE, "color": item.color}},
            delta={"reference": item.previous, "valueformat": ",.0f", "relative": False,
                   "increasing": {"color": theme.COLORS["far_behind"]},
                   "decreasing": {"color": theme.COLORS["on_pace"]},
                   "font": {"size": HEADLINE_TITLE_SIZE}} if item.previous is not None else None,
            title={"text": item.label, "font": {"size": HEADLINE_TITLE_SIZE}},
            domain={"x": [i / n + 0.01, (i + 1) / n - 0.01], "y": [0, 1]},
        ))
    fig.update_layout(height=height, margin={"t": 40, "b": 10, "l": 10, "r": 10})
    return fig


def all_units(unit: str) -> pl.DataFrame:
    """The units a chart shows: all nine for 全市, else the selected one."""
    chosen = [u for u in units.UNITS if unit == units.CITY_ID or u.id == unit]
    return pl.DataFrame({"unit_id": [u.id for u in chosen], "unit_short": [u.short for u in chosen],
                         "sort_order": [units.UNITS.index(u) + 1 for u in chosen]})


def stacked_total_labels(fig: go.Figure, x: list[str], totals: list[float], fmt: str = "{:,.0f}") -> None:
    """Writes each stack's total above it, with headroom on the value axis so the labels fit inside the plot
    (labels drawn outside the plot area push the title out of exported PNGs)."""
    fig.add_trace(go.Scatter(x=x, y=totals, mode="text", text=[fmt.format(t) if t else "" for t in totals],
                             textposition="top center", showlegend=False, hoverinfo="skip"))
    top = max(totals, default=0) or 0
    if top > 0:
        fig.update_yaxes(range=[0, top * 1.12])
    # Stacks read bottom-up; keep the legend in the same order as the data, not plotly's reversed default.
    fig.update_layout(legend_traceorder="normal")


def stacked_by_unit_figure(counts: pl.DataFrame, stack: str, layers: list[tuple[str, str, str]], value: str,
                           axis_title: str, word: str = "个", value_format: str = "") -> go.Figure:
    """Stacked bars per unit (unit_short, in sort_order), one layer per (key, name, colour) from the rows whose
    `stack` column is the key, the first at the bottom; each unit's total of `value` on top. The hover says
    “<unit> <name>：<value><word>”, the value formatted as plotly's `value_format` (“:,.0f”) says."""
    x = counts.select("unit_short", "sort_order").unique().sort("sort_order")["unit_short"].to_list()
    fig = go.Figure()
    for key, name, color in layers:
        rows = counts.filter(pl.col(stack) == key).sort("sort_order")
        fig.add_trace(go.Bar(x=rows["unit_short"].to_list(), y=rows[value].to_list(), name=name, marker_color=color,
                             hovertemplate=f"%{{x}} {name}：%{{y{value_format}}}{word}<extra></extra>"))
    totals = counts.group_by("unit_short", "sort_order").agg(pl.col(value).sum()).sort("sort_order")
    stacked_total_labels(fig, totals["unit_short"].to_list(), totals[value].to_list())
    fig.update_layout(barmode="stack", yaxis_title=axis_title, xaxis={"categoryorder": "array", "categoryarray": x})
    return fig
