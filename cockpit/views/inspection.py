"""督查核查 (issue 18 §1): the month's 核查清单 and its verdicts per unit, 逾期未核查, the 不属实 projects left out of
the figures, the 核查清单 as an import-ready workbook, the 例会 slide and the 通报 section. No Streamlit, no queries."""
from __future__ import annotations

import datetime as dt
import io

import plotly.graph_objects as go
import polars as pl

from cockpit import config, labels, report, schema, units
from cockpit.charts import theme
from cockpit.text import plot_text

# Verdict states in display order, with their colours (grey levels differ for black-and-white print).
STATES = ("属实", "不属实", "待核", "未核查")
STATE_COLORS = {"属实": theme.COLORS["on_pace"], "不属实": theme.COLORS["far_behind"], "待核": theme.COLORS["behind"],
                "未核查": theme.COLORS["no_data"]}
STATE_COLUMNS = {"属实": "confirmed", "不属实": "refuted", "待核": "pending", "未核查": "unchecked"}
# Which 核查类型 each figure rests on (metric key -> the refutations that leave a project out of it)
METRIC_CHECKS = {"starts": "counts_main:开工", "completions": "counts_main:竣工", "productions": "counts_main:投产",
                 "new_above_scale": "counts_above_scale:投产", "new_full_capacity": "counts_full_capacity:竣工"}
DEFINITION = ("口径：核查清单=实际开工日期、实际竣工日期或投产日期在本月的项目（一个项目一种核查类型一行，不限投资规模）；"
              "应核查=清单行数；已核查=已导入核查结论的行（属实+不属实+待核）；未核查=未导入核查结果的行；"
              "核查完成率=已核查÷应核查。次月{due_day}日后仍有未核查行的县级主体为“逾期未核查”"
              "（以次月快照日判断，尚无次月快照时以今天判断）。")
EXCLUDE_RULE = ("“不属实”结论在其后月份对同一项目、同一核查类型核查为“属实”之前一直有效；有效期间该项目不计入该类型的"
                "开工、竣工、投产个数，也不计入以其为基础的新投产达规、新竣工达产（各页面、幻灯片、通报、导出一致）。")
COUNT_RULE = ("“不属实”结论在其后月份对同一项目、同一核查类型核查为“属实”之前一直有效；按当前配置"
              "（[inspection] exclude_refuted = false），经核查不属实的项目仍计入开工、竣工、投产等个数，仅列名提示。")


def settings() -> dict:
    """[inspection] of the configuration; a test configuration without it gets the defaults."""
    return {"exclude_refuted": True, "due_day": 15, **(config.settings().get("inspection") or {})}


def excludes() -> bool:
    return bool(settings()["exclude_refuted"])


def by_unit_params(today: dt.date | None = None) -> dict:
    """$today and $due_day of queries/inspection__by_unit.sql."""
    return {"today": today or dt.date.today(), "due_day": int(settings()["due_day"])}


def definition() -> str:
    return DEFINITION.format(due_day=int(settings()["due_day"])) + (EXCLUDE_RULE if excludes() else COUNT_RULE)


# ---------------------------------------------------------------- figures per unit

def unit_rows(by_unit: pl.DataFrame, unit: str) -> pl.DataFrame:
    """The nine units (or the chosen one) of inspection__by_unit, without the 全市 row."""
    rows = by_unit.filter(pl.col("unit_id") != units.CITY_ID)
    return rows if unit == units.CITY_ID else rows.filter(pl.col("unit_id") == unit)


def total_row(by_unit: pl.DataFrame, unit: str) -> dict:
    """The 全市 row, or the chosen unit's."""
    return by_unit.filter(pl.col("unit_id") == unit).row(0, named=True)


def status_text(row: dict) -> str:
    if row["due_rows"] == 0:
        return "本月无应核查项目"
    if row["overdue"]:
        return "逾期未核查"
    return "已完成" if row["checked"] == row["due_rows"] else "核查中"


def overdue_units(by_unit: pl.DataFrame) -> list[str]:
    """Full names of the units 逾期未核查, in the official order."""
    return by_unit.filter((pl.col("unit_id") != units.CITY_ID) & pl.col("overdue"))["unit_name"].to_list()


def unit_table(by_unit: pl.DataFrame, unit: str) -> pl.DataFrame:
    rows = unit_rows(by_unit, unit)
    if unit == units.CITY_ID:
        rows = pl.concat([rows, by_unit.filter(pl.col("unit_id") == units.CITY_ID)])
    rows = rows.with_columns(completion_rate_pct=(pl.col("completion_rate") * 100).round(1),
                             inspection_status=pl.Series([status_text(r) for r in rows.iter_rows(named=True)],
                                                         dtype=pl.String))
    return labels.table(rows, "unit_name", "due_rows", "checked", "confirmed", "refuted", "pending", "unchecked",
                        "completion_rate_pct", "inspection_status")


def by_unit_figure(by_unit: pl.DataFrame, unit: str) -> go.Figure:
    """Stacked bars per unit: 属实 / 不属实 / 待核 / 未核查 rows; 逾期未核查 units marked under their name."""
    rows = unit_rows(by_unit, unit)
    x = [f"{r['unit_short']}<br>逾期" if r["overdue"] else r["unit_short"] for r in rows.iter_rows(named=True)]
    fig = go.Figure()
    for state in STATES:
        values = rows[STATE_COLUMNS[state]].to_list()
        fig.add_trace(go.Bar(x=x, y=values, name=state, marker_color=STATE_COLORS[state],
                             marker_line={"color": theme.COLORS["muted"], "width": 1 if state == "未核查" else 0},
                             hovertemplate=f"%{{x}} {state}：%{{y}}个<extra></extra>"))
    totals = rows["due_rows"].to_list()
    fig.add_trace(go.Scatter(x=x, y=totals, mode="text", text=[f"{t:,}" for t in totals], textposition="top center",
                             showlegend=False, hoverinfo="skip", cliponaxis=False))
    fig.update_layout(barmode="stack", yaxis_title="应核查（个）", xaxis={"categoryorder": "array", "categoryarray": x},
                      legend={"orientation": "h", "y": 1.08, "x": 0})
    return fig


# ---------------------------------------------------------------- the 核查清单 and its workbook

def checklist_table(checklist: pl.DataFrame) -> pl.DataFrame:
    return labels.table(
        checklist.with_columns(total_investment_yi=(pl.col("total_investment") / 10000).round(2)),
        "project_code", "project_name", "unit_name", "check_type", "event_on", "total_investment_yi", "leader_tier",
        "verdict_state", "inspected_on", "inspector", pl.col("note").alias("detail"), "lon", "lat")


# Reference columns the 核查清单 workbook adds right of the template's columns (the import ignores them, with a
# warning per column): what the office needs on site.
REFERENCE = (("project_name", "项目名称"), ("unit_name", "县级主体"), ("total_investment_yi", "总投资（亿元）"),
             ("event_on", "开工/竣工/投产日期"), ("leader_tier", "领导联系"), ("lon", "经度"), ("lat", "纬度"))


def checklist_xlsx(checklist: pl.DataFrame, month: str) -> bytes:
    """The 核查清单 in the 核查结果 template's layout (sheet 核查结果, its headers first, 核查结论 blank), with the
    project's name, unit, 总投资, date, 领导联系 and location to the right: filled in, it imports as it is."""
    import xlsxwriter

    table = schema.INSPECTIONS
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    required = book.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1})
    grey = book.add_format({"bold": True, "bg_color": "#EDEDED", "border": 1})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    money = book.add_format({"num_format": "#,##0.00"})
    sheet = book.add_worksheet(table.title)
    for col, column in enumerate(table.columns):
        sheet.write_string(0, col, column.header + ("*" if column.required else ""), required if column.required
                           else head)
        sheet.set_column(col, col, max(12, len(column.header) * 2 + 4))
    base = len(table.columns)
    for i, (_name, header) in enumerate(REFERENCE):
        sheet.write_string(0, base + i, header, grey)
        sheet.set_column(base + i, base + i, 28 if i == 0 else 14)
    rows = checklist.with_columns(total_investment_yi=(pl.col("total_investment") / 10000).round(2))
    for r, row in enumerate(rows.iter_rows(named=True), start=1):
        sheet.write_string(r, 0, row["project_code"])
        sheet.write_string(r, 1, row["check_type"])
        for i, (name, _header) in enumerate(REFERENCE):
            value = row[name]
            if value is None:
                continue
            if isinstance(value, dt.date):
                sheet.write_datetime(r, base + i, value, date)
            elif isinstance(value, float):
                sheet.write_number(r, base + i, value, money if name == "total_investment_yi" else None)
            else:
                sheet.write_string(r, base + i, str(value))
    sheet.freeze_panes(1, 2)
    notes = book.add_worksheet("说明")
    lines = [f"{month[:4]}年{int(month[5:])}月督查核查清单：实际开工、竣工或投产日期在本月的项目，一个项目一种核查类型一行。",
             "请填写 核查日期、核查结论（属实、不属实、待核）、核查人、说明，然后在“数据管理”页按"
             f"导入月份 {month} 导入本文件（或 python -m cockpit import --month {month} 本文件）。",
             "核查日期不得早于开工/竣工/投产日期，也不得晚于导入当天；未核查的行请删除，或填写结论“待核”。",
             "灰色表头的列（项目名称等）仅供参考，导入时忽略。"]
    for i, line in enumerate(lines):
        notes.write_string(i, 0, line)
    notes.set_column(0, 0, 120)
    book.close()
    return buffer.getvalue()


# ---------------------------------------------------------------- 不属实, left out of the figures

def refuted_count(refuted: pl.DataFrame, metric: str, unit: str) -> pl.DataFrame:
    """The standing refutations that would count toward `metric` (a METRIC_CHECKS key) of the unit."""
    flag, check = METRIC_CHECKS[metric].split(":")
    rows = refuted.filter(pl.col(flag) & (pl.col("check_type") == check))
    return rows if unit == units.CITY_ID else rows.filter(pl.col("unit_id") == unit)


def refuted_note(refuted: pl.DataFrame, metric: str, unit: str, names: int = 3) -> str | None:
    """另有N个经核查不属实，未计入（项目甲、项目乙等） where the figure of `metric` is shown; None when there is none."""
    if metric not in METRIC_CHECKS or refuted.is_empty():
        return None
    rows = refuted_count(refuted, metric, unit)
    if rows.is_empty():
        return None
    listed = rows["project_name"].unique(maintain_order=True).to_list()
    shown = "、".join(listed[:names]) + ("等" if len(listed) > names else "")
    verb = "未计入" if excludes() else "仍计入（按配置）"
    return f"另有{len(listed)}个经核查不属实，{verb}（{shown}）"


METRIC_WORDS = {"starts": "开工", "completions": "竣工", "productions": "投产", "new_above_scale": "新投产达规",
                "new_full_capacity": "新竣工达产"}


def refuted_notes(refuted: pl.DataFrame, unit: str) -> list[str]:
    """One note per figure that a standing 不属实 verdict changes: 开工另有2个经核查不属实，未计入（…）."""
    notes = ((word, refuted_note(refuted, metric, unit)) for metric, word in METRIC_WORDS.items())
    return [word + note for word, note in notes if note]


def refuted_summary(refuted: pl.DataFrame, unit: str) -> str | None:
    """One short line for a slide: 开工另有11个、投产另有2个经核查不属实，未计入; None when no figure is changed."""
    counted = [(word, refuted_count(refuted, metric, unit)["project_code"].n_unique())
               for metric, word in METRIC_WORDS.items()] if not refuted.is_empty() else []
    parts = [f"{word}另有{n}个" for word, n in counted if n]
    if not parts:
        return None
    return "、".join(parts) + "经核查不属实，" + ("未计入" if excludes() else "仍计入（按配置）")


def this_year(refuted: pl.DataFrame, unit: str = units.CITY_ID) -> pl.DataFrame:
    """The standing refutations whose 开工/竣工/投产 date is in the year up to the month: those the year's figures
    leave out (an older one still stands, but no figure of this year would count it)."""
    rows = refuted.filter(pl.col("in_year"))
    return rows if unit == units.CITY_ID else rows.filter(pl.col("unit_id") == unit)


def refuted_table(refuted: pl.DataFrame) -> pl.DataFrame:
    return labels.table(
        refuted.with_columns(total_investment_yi=(pl.col("total_investment") / 10000).round(2)),
        "project_code", "project_name", "unit_name", "check_type", "event_on", "refuted_month",
        "total_investment_yi")


# ---------------------------------------------------------------- the 例会 slide

def slide(ctx, inspection_by_unit: pl.DataFrame, inspection_refuted: pl.DataFrame) -> go.Figure:
    """督查核查: 核查完成率 and 不属实 in big type, verdicts per unit, 逾期未核查 and the 不属实 projects named."""
    from cockpit.views import meeting as m

    month_title = ctx.month_label
    if inspection_by_unit.is_empty():
        return m.nothing(m.frame(ctx, "督查核查", month_title), "所选月份没有项目库快照")
    total = total_row(inspection_by_unit, ctx.unit)
    fig = m.frame(ctx, "督查核查：本月新开工、竣工、投产项目", month_title, by_unit_figure(inspection_by_unit, ctx.unit))
    m.place(fig, (150, 1060), (470, 940), legend=True)
    rate = f"{total['completion_rate']:.1%}" if total["completion_rate"] is not None else "—"
    m.put(fig, m.LEFT, 250, f"{rate}<span style='font-size:{m.LABEL_SIZE}px'> 核查完成率</span>", m.KEY_SIZE,
          theme.COLORS["primary"], bold=True)
    m.put(fig, m.LEFT, 345, f"应核查{total['due_rows']}个　属实{total['confirmed']}个　不属实{total['refuted']}个　"
          f"待核{total['pending']}个　未核查{total['unchecked']}个", m.LABEL_SIZE)
    x0, y = m.LIST_LEFT, m.TOP + 40
    late = overdue_units(unit_rows(inspection_by_unit, ctx.unit))
    m.put(fig, x0, y, "逾期未核查", m.HEADING_SIZE, theme.COLORS["far_behind"], bold=True)
    y += 70
    text = "、".join(units.unit_short(u.id) for u in units.UNITS if u.name in late) if late else "无"
    for line in m.wrap(text, m.TEXT_SIZE, m.RIGHT - x0)[:2]:
        m.put(fig, x0, y, plot_text(line), m.TEXT_SIZE)
        y += 48
    y += 30
    standing = this_year(inspection_refuted, ctx.unit)
    verb = "未计入" if excludes() else "仍计入"
    m.put(fig, x0, y, f"本年经核查不属实{standing.height}个（{verb}）", m.HEADING_SIZE, bold=True)
    y += 70
    if standing.is_empty():
        m.put(fig, x0, y, "无", m.TEXT_SIZE, theme.COLORS["muted"])
    shown = 6
    for i, row in enumerate(standing.head(shown).iter_rows(named=True)):
        m.put(fig, x0, y, plot_text(m.fit(f"{i + 1}. {row['project_name']}", m.TEXT_SIZE, 520)), m.TEXT_SIZE)
        m.put(fig, m.RIGHT, y, plot_text(f"{row['unit_short']}　{row['check_type']}"), m.TEXT_SIZE,
              theme.COLORS["far_behind"], anchor="right")
        y += 62
    if standing.height > shown:
        m.put(fig, x0, y, f"另有{standing.height - shown}个（见通报附件）", m.TEXT_SIZE, theme.COLORS["muted"])
    return fig.done()


# ---------------------------------------------------------------- the 通报 section

def briefing_section(data: dict[str, pl.DataFrame], month: str, unit: str) -> report.Section:
    """五、督查核查情况: figures in the office's register, the table per unit, the 不属实 list in 附件."""
    by_unit, refuted = data["inspection_by_unit"], data["inspection_refuted"]
    words = f"{int(month[:4])}年{int(month[5:])}月"
    if by_unit.is_empty():
        return report.Section("督查核查情况", [report.Para(f"{words}无项目库快照，未形成核查清单。")])
    total = total_row(by_unit, unit)
    scope = "全市" if unit == units.CITY_ID else units.unit_name(unit)
    if total["due_rows"] == 0:
        text = f"{words}，{scope}无实际开工、竣工或投产的项目，无需核查。"
    else:
        rate = f"{total['completion_rate'] * 100:.1f}%"
        text = (f"{words}，{scope}新开工、竣工、投产项目应核查{total['due_rows']}个，已核查{total['checked']}个，"
                f"核查完成率{rate}；其中属实{total['confirmed']}个，不属实{total['refuted']}个，待核{total['pending']}个，"
                f"未核查{total['unchecked']}个。")
    late = overdue_units(unit_rows(by_unit, unit))
    if late:
        text += f"{'、'.join(late)}逾期未完成核查，请于5个工作日内补报核查结果。"
    standing = this_year(refuted, unit)
    if standing.height:
        verb = "均未计入本年相应开工、竣工、投产个数" if excludes() else "按现行口径仍计入相应个数"
        text += (f"本年经核查不属实且尚未复核属实的{standing.height}项（"
                 + "、".join(f"{k}{n}项" for k, n in standing.group_by("check_type").len().sort("check_type")
                             .iter_rows()) + f"），{verb}（名单见附件）。")
    blocks = [report.Para(text), report.Table(unit_table(by_unit, unit), caption=f"{words}督查核查情况")]
    attachments = [report.Attachment("经核查不属实项目名单", refuted_table(standing))] if standing.height else []
    return report.Section("督查核查情况", blocks, attachments, [definition()])
