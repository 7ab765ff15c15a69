"""一把手招商 (issue 18 §3): leaders' investment-promotion trips per unit, the month and the year to date, the units
without a trip by a 党政主要领导, the 例会 slide and the 通报 section. No Streamlit, no queries."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from cockpit import labels, report, units
from cockpit.charts import theme
from cockpit.text import plot_text

NO_MAIN_TRIP = "本月无主要领导外出招商"
DEFINITION = ("口径：一次外出招商=同一县级主体、同一出访日期、同一带队领导（一行为对接的一家企业）；"
              "党政主要领导外出招商=带队领导职务为“党政主要领导”的外出次数；领导外出招商=各职务带队的外出次数；"
              "对接企业=活动行数；签约=成果为“签约”的行数，签约总投资按签约项目代码在项目库中的总投资计（同一项目只计一次）；"
              "本年累计=1月至本月。本月已导入招商活动、但没有党政主要领导外出招商的县级主体列为“" + NO_MAIN_TRIP + "”。")


def unit_rows(by_unit: pl.DataFrame, unit: str) -> pl.DataFrame:
    rows = by_unit.filter(pl.col("unit_id") != units.CITY_ID)
    return rows if unit == units.CITY_ID else rows.filter(pl.col("unit_id") == unit)


def total_row(by_unit: pl.DataFrame, unit: str) -> dict:
    return by_unit.filter(pl.col("unit_id") == unit).row(0, named=True)


def no_main_trip_units(by_unit: pl.DataFrame, unit: str = units.CITY_ID) -> list[str]:
    """Full names of the units without a trip by a 党政主要领导 this month (official order)."""
    return unit_rows(by_unit, unit).filter(pl.col("no_main_trip"))["unit_name"].to_list()


def imported(by_unit: pl.DataFrame) -> bool:
    return by_unit.height > 0 and bool(by_unit["imported"][0])


def unit_table(by_unit: pl.DataFrame, unit: str) -> pl.DataFrame:
    """The month's table per unit with the year to date beside it (全市 last when all units are shown)."""
    rows = unit_rows(by_unit, unit)
    if unit == units.CITY_ID:
        rows = pl.concat([rows, by_unit.filter(pl.col("unit_id") == units.CITY_ID)])
    rows = rows.with_columns((pl.col("month_signed_investment") / 10000).round(2).alias("month_signed_investment_yi"),
                             (pl.col("ytd_signed_investment") / 10000).round(2).alias("ytd_signed_investment_yi"))
    return labels.table(rows, "unit_name", "month_main_trips", "month_trips", "month_enterprises", "month_signed",
                        "month_signed_investment_yi", "ytd_main_trips", "ytd_trips", "ytd_enterprises", "ytd_signed",
                        "ytd_signed_investment_yi")


def trips_table(trips: pl.DataFrame) -> pl.DataFrame:
    return labels.table(
        trips.with_columns(signed_investment_yi=(pl.col("signed_investment") / 10000).round(2)),
        "unit_name", "visited_on", "leader", "leader_role", "destination", "enterprise", "outcome",
        "signed_project_code", "signed_project_name", "signed_investment_yi")


def trips_figure(by_unit: pl.DataFrame, unit: str) -> go.Figure:
    """Grouped bars per unit: trips by 党政主要领导 and by all leaders this month; units without a main leader's
    trip get a red mark under their name."""
    rows = unit_rows(by_unit, unit)
    x = [f"{r['unit_short']}<br>✕" if r["no_main_trip"] else r["unit_short"] for r in rows.iter_rows(named=True)]
    fig = go.Figure()
    for column, name, color in (("month_main_trips", "党政主要领导", theme.COLORS["primary"]),
                                ("month_trips", "全部领导", theme.COLORS["secondary"])):
        values = rows[column].to_list()
        fig.add_trace(go.Bar(x=x, y=values, name=name, marker_color=color, text=[f"{v}" for v in values],
                             textposition="outside", cliponaxis=False,
                             hovertemplate=f"%{{x}} {name}外出招商：%{{y}}次<extra></extra>"))
    fig.update_layout(barmode="group", yaxis_title="外出招商（次）",
                      xaxis={"categoryorder": "array", "categoryarray": x},
                      legend={"orientation": "h", "y": 1.08, "x": 0})
    return fig


# ---------------------------------------------------------------- the 例会 slide

def slide(ctx, promotion_by_unit: pl.DataFrame) -> go.Figure:
    """一把手招商: trips per unit this month, the totals, and the units without a main leader's trip."""
    from cockpit.views import meeting as m

    title = "“一把手”外出招商"
    if not imported(promotion_by_unit):
        return m.nothing(m.frame(ctx, title, ctx.month_label), "本月尚未导入招商活动")
    total = total_row(promotion_by_unit, ctx.unit)
    fig = m.frame(ctx, title, ctx.month_label, trips_figure(promotion_by_unit, ctx.unit))
    m.place(fig, (150, 1060), (470, 940), legend=True)
    m.put(fig, m.LEFT, 250, f"{total['month_main_trips']}<span style='font-size:{m.LABEL_SIZE}px'>次 党政主要领导外出招商"
          "</span>", m.KEY_SIZE, theme.COLORS["primary"], bold=True)
    m.put(fig, m.LEFT, 345, f"领导外出{total['month_trips']}次　对接企业{total['month_enterprises']}家　"
          f"签约{total['month_signed']}个（{total['month_signed_investment'] / 10000:,.2f}亿元）", m.LABEL_SIZE)
    x0, y = m.LIST_LEFT, m.TOP + 40
    m.put(fig, x0, y, NO_MAIN_TRIP, m.HEADING_SIZE, theme.COLORS["far_behind"], bold=True)
    y += 70
    missing = no_main_trip_units(promotion_by_unit, ctx.unit)
    text = "、".join(missing) if missing else "无"
    for line in m.wrap(text, m.TEXT_SIZE, m.RIGHT - x0)[:3]:
        m.put(fig, x0, y, plot_text(line), m.TEXT_SIZE, theme.COLORS["far_behind"] if missing else None)
        y += 48
    y += 40
    m.put(fig, x0, y, "本年累计", m.HEADING_SIZE, bold=True)
    y += 70
    for line in (f"党政主要领导外出招商{total['ytd_main_trips']}次", f"领导外出招商{total['ytd_trips']}次",
                 f"对接企业{total['ytd_enterprises']}家",
                 f"签约{total['ytd_signed']}个，总投资{total['ytd_signed_investment'] / 10000:,.2f}亿元"):
        m.put(fig, x0, y, line, m.TEXT_SIZE)
        y += 56
    return fig.done()


# ---------------------------------------------------------------- the 通报 section

def briefing_section(data: dict[str, pl.DataFrame], month: str, unit: str) -> report.Section:
    """四、“一把手”外出招商情况: the month in words, the table per unit with the year to date."""
    by_unit = data["promotion_by_unit"]
    words = f"{int(month[:4])}年{int(month[5:])}月"
    title = "“一把手”外出招商情况"
    if not imported(by_unit):
        return report.Section(title, [report.Para(f"{words}各地招商活动尚未报送。")])
    total = total_row(by_unit, unit)
    scope = "全市" if unit == units.CITY_ID else units.unit_name(unit)
    text = (f"{words}，{scope}党政主要领导外出招商{total['month_main_trips']}次，各级领导外出招商{total['month_trips']}次，"
            f"对接企业{total['month_enterprises']}家，签约项目{total['month_signed']}个、总投资"
            f"{total['month_signed_investment'] / 10000:,.2f}亿元；1—{int(month[5:])}月累计党政主要领导外出招商"
            f"{total['ytd_main_trips']}次，签约项目{total['ytd_signed']}个、总投资{total['ytd_signed_investment'] / 10000:,.2f}亿元。")
    missing = no_main_trip_units(by_unit, unit)
    if missing:
        text += f"{'、'.join(missing)}{NO_MAIN_TRIP}。"
    blocks = [report.Para(text), report.Table(unit_table(by_unit, unit), caption=f"{words}“一把手”外出招商情况")]
    return report.Section(title, blocks, [], [DEFINITION])
