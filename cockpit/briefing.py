"""月度通报: the month's slides as PNGs, a .docx 通报, the month's lists as one .xlsx, all in one .zip.

Also the one place that runs the queries the 例会 slides need (the page and the pack read the same frames, so a
number cannot differ between the screen and the document).
"""
from __future__ import annotations

import polars as pl

from cockpit import queries, units
from cockpit.views import inspection, snail_warnings, target_progress



def _change_words(delta: float) -> str:
    """较上月减少54亩 / 增加12亩 / 与上月持平: the 通报's words for a month-over-month change in 亩."""
    if round(delta) == 0:
        return "与上月持平"
    return f"较上月{'增加' if delta > 0 else '减少'}{abs(delta):,.0f}亩"

def _progress_rows(month: str, unit: str) -> pl.DataFrame:
    return queries.run("progress__by_metric", month=month, **target_progress.status_params())

def _warnings(month: str, unit: str) -> pl.DataFrame:
    return queries.run(snail_warnings.WARNING_QUERY, month=month, **snail_warnings.warning_params())

LOADERS = {
    "progress_rows": _progress_rows,
    "map_metrics": lambda month, unit: queries.run("map__unit_metrics", month=month),
    "idle_by_unit": lambda month, unit: queries.run("idle__by_unit", month=month, unit=unit),
    "snails": lambda month, unit: queries.run("snail__projects", month=month, unit=unit),
    "warnings": _warnings,  # every unit: the slides filter (as the 蜗牛项目与预警 page does)
    "projects": lambda month, unit: queries.run("explorer__projects", month=month, unit=unit, search=""),
    # issue 18 (inspection): 一把手招商 and 督查核查 (every unit; the views pick the unit)
    "promotion_by_unit": lambda month, unit: queries.run("promotion__by_unit", month=month),
    "inspection_by_unit": lambda month, unit: queries.run("inspection__by_unit", month=month,
                                                          **inspection.by_unit_params()),
    "inspection_refuted": lambda month, unit: queries.run("inspection__refuted", month=month, unit="city"),
}

def frames(month: str, unit: str, needs: tuple[str, ...] | set[str] = tuple(LOADERS)) -> dict[str, pl.DataFrame]:
    """The named frames for the month and unit (queries are cached by their parameters)."""
    return {name: LOADERS[name](month, unit) for name in needs}

# ---------------------------------------------------------------- the pack

REPORT_METRICS = ("registration_rate", "starts", "completions", "productions", "new_above_scale",
                  "new_industrial_land")  # the plan's monthly 通报 list: 注册、开工、竣工、投产、达规、新增产业供地
OFFICE = "嘉兴市产业项目“双进双产”工作领导小组办公室"
PNG_SCALE = 2  # 1920×1080 design at scale 2: 3840×2160

def month_words(month: str) -> str:
    return f"{int(month[:4])}年{int(month[5:])}月"

def docx_name(month: str) -> str:
    return f"嘉兴市产业项目双进双产工作通报（{month_words(month)}）.docx"

def zip_name(month: str, unit: str) -> str:
    scope = "" if unit == units.CITY_ID else f"_{units.unit_short(unit)}"
    return f"月度通报_{month}{scope}.zip"

def xlsx_name(month: str) -> str:
    return f"月度清单_{month}.xlsx"

def build(month: str, unit: str, out_dir, progress=None) -> list:
    """Writes the pack into out_dir: slide PNGs, the .docx, the .xlsx and the .zip of them; returns the paths."""
    import zipfile
    from pathlib import Path

    from cockpit import exports
    from cockpit.views import meeting

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = progress or (lambda share, text: None)
    report(0.0, "读取数据")
    data = frames(month, unit)
    pngs: list[tuple[str, bytes]] = []
    for number in range(1, len(meeting.SLIDES) + 1):
        name = meeting.file_name(number)
        report(0.05 + 0.75 * (number - 1) / len(meeting.SLIDES), f"幻灯片 {name}")
        fig = meeting.build(number, data, month, unit)
        pngs.append((name, exports.plain_png(fig, meeting.WIDTH, meeting.HEIGHT, PNG_SCALE)))
    paths = []
    for name, png in pngs:
        (out / name).write_bytes(png)
        paths.append(out / name)
    report(0.82, "通报 Word")
    docx_path = out / docx_name(month)
    docx_path.write_bytes(report_docx(month, unit, data, dict(pngs)))
    report(0.92, "清单 Excel")
    xlsx_path = out / xlsx_name(month)
    xlsx_path.write_bytes(exports.tables_xlsx(lists(month, unit, data)))
    paths += [docx_path, xlsx_path]
    report(0.97, "打包 zip")
    zip_path = out / zip_name(month, unit)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in paths:
            archive.write(path, path.name)
    report(1.0, "完成")
    return [*paths, zip_path]

def pack_bytes(month: str, unit: str, progress=None) -> bytes:
    """The .zip of the pack (the app's download), built in a temporary folder."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        return Path(build(month, unit, tmp, progress)[-1]).read_bytes()

# ---------------------------------------------------------------- the lists (.xlsx)

def lists(month: str, unit: str, data: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The month's five lists with Chinese headers, as the pages export them."""
    from cockpit.views import idle_land, ranking

    parcels = queries.run("idle__parcels", month=month, unit=unit)
    month_frame = ranking.month_scores(ranking.scores(data["progress_rows"]), month)
    return {
        "蜗牛项目": snail_warnings.snail_table(data["snails"]),
        "分级预警": snail_warnings.warning_table(snail_warnings.warnings_of_unit(data["warnings"], unit)),
        "五未土地": idle_land.parcel_table(parcels),
        "县市区排名": ranking.ranking_table(month_frame),
        "目标进度": target_progress.table(target_progress.month_view(data["progress_rows"], month, unit)),
    }

# ---------------------------------------------------------------- the 通报 (.docx)

def report_rows(progress_rows: pl.DataFrame, month: str) -> pl.DataFrame:
    """Per unit and 通报 metric: this year's value to the month and the month's own increase (rates: the rate)."""
    prev = f"{month[:4]}-{int(month[5:]) - 1:02d}" if int(month[5:]) > 1 else None
    picked = target_progress.in_display_units(progress_rows.filter(
        pl.col("metric_key").is_in(REPORT_METRICS) & (pl.col("unit_id") != units.CITY_ID)))
    now = picked.filter(pl.col("snapshot_month") == month)
    before = (picked.filter(pl.col("snapshot_month") == prev).select("unit_id", "metric_key", prev_value="value")
              if prev else pl.DataFrame(schema={"unit_id": pl.String, "metric_key": pl.String,
                                                "prev_value": pl.Float64}))
    return (now.join(before, on=["unit_id", "metric_key"], how="left")
            .with_columns(month_value=pl.when(pl.col("kind") == "cumulative")
                          .then(pl.col("value") - pl.col("prev_value").fill_null(0.0) if prev else pl.col("value")))
            .sort("sort_order", "metric_order"))

def _cell_text(row: dict) -> str:
    if row["value"] is None:
        return "—"
    if row["kind"] != "cumulative":
        return f"{row['value']:.1f}%"
    this_month = "" if row["month_value"] is None else f"（本月{row['month_value']:+,.0f}）"
    return f"{row['value']:,.0f}{this_month}"

def headline_sentence(row: dict, month: str) -> str:
    """One sentence of the 总体情况, from the metric's row of progress__by_metric (display units)."""
    months = f"1—{int(month[5:])}月" if int(month[5:]) > 1 else "1月"
    unit = row["unit"]
    if row["value"] is None:
        return f"{row['label']}暂无数据。"
    text = f"{months}，{row['label']}完成{row['value']:,.2f}{unit}" if unit in ("亿元", "亿美元") else \
        f"{months}，{row['label']}{row['value']:,.0f}{unit}"
    if row["target"] is not None and row["completion"] is not None:
        text += (f"，为年度目标{row['target']:,.1f}{unit}的{row['completion']:.1%}（序时进度{row['pace']:.1%}），"
                 f"{row['status']}")
    if row["growth"] is not None:
        text += f"，同比{'增长' if row['growth'] >= 0 else '下降'}{abs(row['growth']):.1f}%"
    return text + "。"

def report_docx(month: str, unit: str, data: dict[str, pl.DataFrame], pngs: dict[str, bytes]) -> bytes:
    """The 通报 in the office's register: headline figures, each unit's 通报 figures, ranking and 约谈, problem
    projects, the charts, and the 口径 as notes. Every number comes from the frames the slides use."""
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from cockpit.views import idle_land, meeting, ranking

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name = "仿宋"
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")

    def para(text: str = "", bold: bool = False, size: float | None = None, center: bool = False, font=None):
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if font:
            run.font.name = font
            run.element.rPr.rFonts.set(qn("w:eastAsia"), font)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    def heading(text: str) -> None:
        para(text, bold=True, font="黑体")

    def table(frame: pl.DataFrame, widths: list[float] | None = None) -> None:
        """A grid table; widths in cm (python-docx sets them per cell), else Word's equal columns."""
        t = doc.add_table(rows=1, cols=len(frame.columns))
        t.style = "Table Grid"
        for cell, name in zip(t.rows[0].cells, frame.columns):
            cell.text = str(name)
            cell.paragraphs[0].runs[0].bold = True
        for values in frame.iter_rows():
            cells = t.add_row().cells
            for cell, value in zip(cells, values):
                cell.text = "—" if value is None else (f"{value:,.2f}" if isinstance(value, float) else str(value))
        if widths:  # Word reads the cells' widths, LibreOffice the grid's: set both
            t.autofit = False
            for column, width in zip(t.columns, widths):
                column.width = Cm(width)
        for row in t.rows:
            for i, cell in enumerate(row.cells):
                if widths:
                    cell.width = Cm(widths[i])
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(10.5)

    def chart(number: int) -> None:
        name = meeting.file_name(number)
        if name in pngs:
            doc.add_picture(io.BytesIO(pngs[name]), width=Cm(16))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    scope = "全市" if unit == units.CITY_ID else units.unit_name(unit)
    progress_rows = data["progress_rows"]
    view = target_progress.month_view(progress_rows, month, unit)
    para(OFFICE, bold=True, size=16, center=True, font="黑体")
    para(f"嘉兴市产业项目双进双产工作通报（{month_words(month)}）", bold=True, size=22, center=True, font="宋体")
    para(f"数据截至{meeting.Context(month, unit, 1, 1).data_date}", center=True, size=12)
    para(f"现将{month_words(month)}{scope}产业项目“双进双产”工作推进情况通报如下。")

    heading("一、总体情况")
    for key in meeting.TOTAL_METRICS:
        found = view.filter(pl.col("metric_key") == key)
        if found.height:
            para(headline_sentence(found.row(0, named=True), month))
    counts = {s: view.filter(pl.col("status") == s).height for s in meeting.SEVERITY_ORDER}
    para(f"{view.height}项目标中，达序时{counts['达序时']}项、落后{counts['落后']}项、严重落后{counts['严重落后']}项"
         f"（序时进度{int(month[5:]) / 12:.1%}）。严重落后的目标："
         + ("、".join(r["label"] for r in view.filter(pl.col("status") == "严重落后").iter_rows(named=True))
            or "无") + "。")
    chart(2)
    chart(3)

    heading("二、各县级主体推进情况")
    rows = report_rows(progress_rows, month)
    if unit != units.CITY_ID:
        rows = rows.filter(pl.col("unit_id") == unit)
    if rows.height:
        cells = rows.with_columns(text=pl.Series([_cell_text(r) for r in rows.iter_rows(named=True)],
                                                 dtype=pl.String))
        wide = (cells.pivot(on="label", index=["unit_short", "sort_order"], values="text", maintain_order=True)
                .sort("sort_order").drop("sort_order").rename({"unit_short": "县级主体"}))
        table(wide)
        para("注：本年累计（括号内为本月新增）；签约项目注册率为本年签约项目的注册率；新供产业用地单位为亩。", size=12)
    else:
        para("本月无分主体数据。")

    heading("三、县市区排名")
    all_scores = ranking.scores(progress_rows)
    month_frame = ranking.month_scores(all_scores, month)
    ranked = month_frame.filter(pl.col("score").is_not_null())
    if ranked.height:
        table(ranked.select(pl.col("rank").alias("排名"), pl.col("unit_name").alias("县级主体"),
                            pl.col("score").map_elements(lambda v: f"{v:.1f}", return_dtype=pl.String)
                            .alias("综合得分"), pl.col("change").alias("较上月"),
                            pl.col("weakest").alias("最弱指标")), widths=[1.5, 5, 2.5, 2, 5])
        for line in meeting.interview_text(month_frame, ranking.quarters(all_scores), month):
            para(line)
        chart(4)
    else:
        para("本月没有县级主体的分主体目标，未排名。")

    heading("四、问题项目与“五未”土地")
    snails = data["snails"]
    para(f"（一）蜗牛项目。截至月末，{scope}共有蜗牛项目{snails.height}个，"
         f"其中开工滞后{snail_warnings.snail_type_counts(snails)['开工滞后']}个、"
         f"竣工滞后{snail_warnings.snail_type_counts(snails)['竣工滞后']}个：")
    if snails.height:
        table(snails.sort("sort_order", pl.col("months_late"), descending=[False, True]).select(
            pl.col("project_name").alias("项目名称"), pl.col("unit_short").alias("县级主体"),
            pl.col("snail_type").alias("类型"), pl.col("months_late").alias("滞后月数"),
            pl.col("leader_tier").alias("联系领导")), widths=[7, 2, 2.4, 2, 2.6])
    chart(7)
    idle = data["idle_by_unit"]
    total = idle_land.grand_total(idle)
    per_category = idle_land.totals(idle)
    para(f"（二）“五未”土地。{scope}“五未”土地共{total['parcels']:,.0f}宗、{total['idle_area']:,.0f}亩"
         + ("" if total["idle_area_prev"] is None else "，" + _change_words(total["idle_area"] - total["idle_area_prev"]))
         + "。分类如下：")
    if per_category.height:
        table(per_category.select(pl.col("category").alias("类别"), pl.col("parcels").alias("宗数"),
                                  pl.col("idle_area").round(0).cast(pl.Int64).alias("面积（亩）")),
              widths=[5, 5, 6])
    chart(6)
    red = meeting.red_warnings(data["warnings"], unit)
    para(f"（三）红色预警项目。{scope}共有红色预警项目{red.height}个：")
    if red.height:
        table(red.select(pl.col("project_name").alias("项目名称"), pl.col("unit_name").alias("县级主体"),
                         pl.col("reasons").alias("预警原因")), widths=[6.5, 3, 6.5])
    chart(8)

    heading("五、需研究解决的事项")
    items = meeting.decisions(progress_rows, snails, data["warnings"], data["projects"], month, unit)
    for i, item in enumerate(items, start=1):
        para(f"{i}. {item.unit}：{item.text}。")
    if not items:
        para("本月无需提交会议研究的事项。")
    chart(5)

    heading("附：口径说明")
    notes = [target_progress.pace_definition(), ranking.score_definition(), ranking.quarter_definition(),
             snail_warnings.SNAIL_DEFINITION, idle_land.DEFINITION, snail_warnings.warning_definition()]
    for note in notes:
        para(note, size=12)
    para(OFFICE, center=False).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

def cli(month: str, unit: str, data_dir, out) -> int:
    """`python -m cockpit briefing`: writes the pack and prints a line per step."""
    import os
    import time

    from cockpit import store

    before = os.environ.get("COCKPIT_DATA_DIR")
    if data_dir is not None:
        os.environ["COCKPIT_DATA_DIR"] = str(data_dir)
    try:
        if month not in store.months():
            print(f"没有 {month} 的快照（已导入：{'、'.join(store.months()) or '无'}）")
            return 1
        if unit != units.CITY_ID and unit not in {u.id for u in units.UNITS}:
            print(f"未知的县级主体：{unit}")
            return 1
        start = time.monotonic()
        paths = build(month, unit, out, progress=lambda share, text: print(f"[{share:4.0%}] {text}", flush=True))
        for path in paths:
            print(path)
        print(f"用时 {time.monotonic() - start:.1f} 秒")
        return 0
    finally:  # the data folder is this command's, not the process's (tests call main() in one process)
        if before is None:
            os.environ.pop("COCKPIT_DATA_DIR", None)
        else:
            os.environ["COCKPIT_DATA_DIR"] = before
