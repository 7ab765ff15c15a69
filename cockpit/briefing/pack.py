"""The pack: slide PNGs, the 通报 (.docx), the slides (.pptx), the lists (.xlsx) and the .zip of them; the CLI."""
from __future__ import annotations

import dataclasses

import datetime as dt
import io
import zipfile
from pathlib import Path

import plotly.graph_objects as go
import polars as pl

from cockpit import config, queries, report, units
from cockpit.briefing import deck, definitions, gongwen
from cockpit.views import snail_warnings, target_progress

PNG_SCALE = 2  # 1920×1080 design at scale 2: 3840×2160
FIGURE_SCALE = 1  # the footer-less figures of the .docx and .pptx: 1920 px over 15.6 cm is 312 dpi
FOOTER = "slide_footer"  # annotations and shapes meeting.frame() names as the slide's footer
DEFAULTS = {
    "office": "嘉兴市产业项目“双进双产”工作领导小组办公室",
    "doc_number": "嘉双进双产办〔{year}〕 号",
    "recipients": "各县（市、区）人民政府、嘉兴经济技术开发区管委会、嘉兴港区管委会，市级有关部门",
}


def settings() -> dict:
    """[briefing] of config/cockpit.toml over the defaults (a test's config may not have the section)."""
    return DEFAULTS | config.settings().get("briefing", {})


# ---------------------------------------------------------------- names

def month_words(month: str) -> str:
    return f"{int(month[:4])}年{int(month[5:])}月"


def _scope(unit: str) -> str:
    return "" if unit == units.CITY_ID else f"_{units.unit_name(unit)}"


def title(month: str, unit: str = units.CITY_ID) -> str:
    """嘉兴市产业项目“双进双产”工作通报（2020年12月）; for a unit its full name: 嘉善县产业项目…"""
    who = "嘉兴市" if unit == units.CITY_ID else units.unit_name(unit)
    return f"{who}产业项目“双进双产”工作通报（{month_words(month)}）"


def docx_name(month: str, unit: str = units.CITY_ID) -> str:
    return f"{title(month, unit).replace('“', '').replace('”', '')}.docx"


def pptx_name(month: str, unit: str = units.CITY_ID) -> str:
    return f"推进例会幻灯片_{month}{_scope(unit)}.pptx"


def xlsx_name(month: str, unit: str = units.CITY_ID) -> str:
    return f"月度清单_{month}{_scope(unit)}.xlsx"


def zip_name(month: str, unit: str) -> str:
    return f"月度通报_{month}{_scope(unit)}.zip"


def png_name(number: int, unit: str) -> str:
    from cockpit.views import meeting

    name = meeting.file_name(number)
    return name if unit == units.CITY_ID else name.replace(".png", f"{_scope(unit)}.png")


# ---------------------------------------------------------------- figures

def without_footer(fig: go.Figure) -> go.Figure:
    """The slide without its footer (the 例会 title, data date and counter): a figure in the 通报 has a caption."""
    bare = go.Figure(fig)
    bare.layout.annotations = [a for a in fig.layout.annotations if a.name != FOOTER]
    bare.layout.shapes = [s for s in fig.layout.shapes if s.name != FOOTER]
    return bare


def content_png(fig: go.Figure) -> bytes:
    """The footer-less slide cut to its content (below the title band): the 通报's figure, the deck's image."""
    from PIL import Image

    from cockpit import exports
    from cockpit.views import meeting

    png = exports.plain_png(without_footer(fig), meeting.WIDTH, meeting.HEIGHT, FIGURE_SCALE)
    image = Image.open(io.BytesIO(png))
    box = (0, deck.BAND_PX * FIGURE_SCALE, meeting.WIDTH * FIGURE_SCALE, deck.BODY_BOTTOM_PX * FIGURE_SCALE)
    out = io.BytesIO()
    image.crop(box).save(out, format="PNG", optimize=False)
    return out.getvalue()


def slide_notes(name: str) -> str:
    """The 口径 of a slide, in words, for the deck's notes."""
    from cockpit.views import idle_land, ranking, ranking_annual

    by_name = {
        "总量": [target_progress.pace_definition(), target_progress.CITY_DEFINITION],
        "全部目标": [target_progress.pace_definition()],
        "县市区排名": [ranking.score_definition(), ranking.quarter_definition()],
        "年度考核": [ranking_annual.definition(), ranking.quarter_definition()],
        "五未土地": [idle_land.DEFINITION],
        "蜗牛项目": [snail_warnings.SNAIL_DEFINITION],
        "红色预警": [snail_warnings.warning_definition()],
    }
    return "\n".join(by_name.get(name, []))


# ---------------------------------------------------------------- the documents

def sections_of(data: dict[str, pl.DataFrame], month: str, unit: str) -> list[report.Section]:
    """The 通报's sections in report.SECTION_ORDER; a key without a builder is skipped."""
    from cockpit import briefing

    built = [briefing.SECTIONS[key](data, month, unit) for key in report.SECTION_ORDER if key in briefing.SECTIONS]
    return [dataclasses.replace(s, definitions=[definitions.in_words(d) for d in s.definitions]) for s in built]


def report_docx(month: str, unit: str, data: dict[str, pl.DataFrame], figures: dict[str, bytes],
                now: dt.datetime | None = None) -> bytes:
    """The 通报 as a 公文 from the sections' blocks; figures: slide name -> footer-less PNG."""
    now = now or dt.datetime.now()
    s = settings()
    scope = "全市" if unit == units.CITY_ID else units.unit_name(unit)
    frame = gongwen.Frame(
        office=s["office"], doc_number=s["doc_number"].format(year=now.year), title=title(month, unit),
        recipients=s["recipients"],
        intro=f"现将{month_words(month)}{scope}产业项目“双进双产”工作推进情况通报如下：",
        date=now.date(), created=now, figures=figures)
    return gongwen.write(frame, sections_of(data, month, unit))


def lists(month: str, unit: str, data: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The month's lists with Chinese headers, as the pages export them."""
    from cockpit.views import idle_land, ranking

    parcels = data["idle_parcels"] if "idle_parcels" in data else queries.run(
        idle_land.LIST_QUERY, month=month, unit=unit, **idle_land.whole_list_params())
    month_frame = ranking.month_scores(ranking.scores(data["progress_rows"]), month)
    return {
        "蜗牛项目": snail_warnings.snail_table(data["snails"]),
        "分级预警": snail_warnings.warning_table(snail_warnings.warnings_of_unit(data["warnings"], unit)),
        "五未土地": idle_land.parcel_table(parcels),
        "县市区排名": ranking.ranking_table(month_frame),
        "目标进度": target_progress.table(target_progress.month_view(data["progress_rows"], month, unit)),
        **mechanism_lists(unit, data),
    }


def mechanism_lists(unit: str, data: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The 工作机制's month in the same workbook: 一把手招商 and 督查核查 per unit, the standing 不属实 projects of
    the year, and the 问题清单 register (the frames the slides and the 通报 read)."""
    from cockpit.views import inspection, problems, promotion

    sheets = {}
    if "promotion_by_unit" in data:
        sheets["一把手招商"] = promotion.unit_table(data["promotion_by_unit"], unit)
    if "inspection_by_unit" in data:
        sheets["督查核查"] = inspection.unit_table(data["inspection_by_unit"], unit)
    if "inspection_refuted" in data:
        sheets["核查不属实项目"] = inspection.refuted_table(inspection.this_year(data["inspection_refuted"], unit))
    if "problem_register" in data:
        register = data["problem_register"]
        mine = register if unit == units.CITY_ID else register.filter(pl.col("unit_id") == unit)
        sheets["问题清单"] = problems.register_table(mine)
    return sheets


def build(month: str, unit: str, out_dir, progress=None) -> list:
    """Writes the pack into out_dir: slide PNGs, the .docx, the .pptx, the .xlsx and the .zip of them; returns the
    paths (the .zip last)."""
    from cockpit import briefing, exports
    from cockpit.views import meeting

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report_step = progress or (lambda share, text: None)
    report_step(0.0, "读取数据")
    now = dt.datetime.now()
    data = briefing.frames(month, unit)
    paths: list[Path] = []
    figures: dict[str, bytes] = {}
    slides: list[deck.DeckSlide] = []
    band_y = 1 - 65 / meeting.HEIGHT  # the title band's text row (meeting.frame)
    total = len(meeting.SLIDES)
    for number, slide in enumerate(meeting.SLIDES, start=1):
        report_step(0.05 + 0.7 * (number - 1) / total, f"幻灯片 {slide.name}")
        fig = meeting.build(number, data, month, unit)
        path = out / png_name(number, unit)
        path.write_bytes(exports.plain_png(fig, meeting.WIDTH, meeting.HEIGHT, PNG_SCALE))
        paths.append(path)
        figures[slide.name] = content_png(fig)
        heading, subtitle = deck.title_and_subtitle(fig, band_y)
        slides.append(deck.DeckSlide(heading or slide.title, subtitle, figures[slide.name],
                                     "\n".join(t for t in (f"数据截至{meeting.Context(month, unit, 1, 1).data_date}",
                                                           slide_notes(slide.name)) if t)))
    report_step(0.78, "通报 Word")
    docx_path = out / docx_name(month, unit)
    docx_path.write_bytes(report_docx(month, unit, data, figures, now))
    report_step(0.86, "幻灯片 PowerPoint")
    pptx_path = out / pptx_name(month, unit)
    pptx_path.write_bytes(deck.write(slides, settings()["office"], title(month, unit), now))
    report_step(0.92, "清单 Excel")
    xlsx_path = out / xlsx_name(month, unit)
    xlsx_path.write_bytes(exports.tables_xlsx(lists(month, unit, data)))
    paths += [docx_path, pptx_path, xlsx_path]
    report_step(0.97, "打包 zip")
    zip_path = out / zip_name(month, unit)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in paths:
            archive.write(path, path.name)
    report_step(1.0, "完成")
    return [*paths, zip_path]


def pack_bytes(month: str, unit: str, progress=None) -> bytes:
    """The .zip of the pack (the app's download), built in a temporary folder."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return Path(build(month, unit, tmp, progress)[-1]).read_bytes()


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
