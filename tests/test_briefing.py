"""The 月度通报 pack on the sample data: slide PNGs at 3840×2160, the .docx holds the query's numbers and names,
the .pptx has one editable slide per 例会 slide, the .xlsx has the five lists, the .zip holds them all, in ≤ 30 s.
(The 通报's form as a 公文 is tested in test_briefing_docx.py.)"""
from __future__ import annotations

import io
import struct
import time
import zipfile

import polars as pl
import pytest

from cockpit import exports, queries, report
from cockpit.__main__ import main
from cockpit.views import meeting, ranking, target_progress

pytestmark = pytest.mark.skipif(exports.browser_path() is None, reason="PNG export needs Chromium")


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(exports.PNG_SIGNATURE)
    return struct.unpack(">II", data[16:24])


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture(scope="module")
def pack(sample_root, tmp_path_factory):
    out = tmp_path_factory.mktemp("briefing")
    start = time.monotonic()
    code = main(["briefing", "--month", "2020-12", "--data-dir", str(sample_root), "--out", str(out)])
    return code, out, time.monotonic() - start


def test_command_writes_every_file(pack):
    code, out, seconds = pack
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    expected_png = [meeting.file_name(n) for n in range(1, len(meeting.SLIDES) + 1)]
    assert expected_png[0] == "01-封面.png" and expected_png[-1].endswith("-需研究解决.png")
    assert [n[3:-4] for n in expected_png] == list(report.SLIDE_ORDER)  # 05-年度考核.png, 06-一把手招商.png …
    assert any(n.endswith("-督查核查.png") for n in expected_png)
    assert any(n.endswith("-问题清单.png") for n in expected_png)
    assert names == sorted([*expected_png, "嘉兴市产业项目双进双产工作通报（2020年12月）.docx", "月度清单_2020-12.xlsx",
                            "推进例会幻灯片_2020-12.pptx", "月度通报_2020-12.zip"])
    for name in expected_png:
        assert png_size((out / name).read_bytes()) == (3840, 2160), name
    with zipfile.ZipFile(out / "月度通报_2020-12.zip") as archive:
        assert sorted(archive.namelist()) == sorted(n for n in names if not n.endswith(".zip"))
    print(f"\npack built in {seconds:.1f} s")  # speed is measured by the benchmark, not asserted here


def test_docx_holds_the_numbers_ranking_and_snails(pack, sample_data):
    _code, out, _ = pack
    text = docx_text((out / "嘉兴市产业项目双进双产工作通报（2020年12月）.docx").read_bytes())
    rows = queries.run("progress__by_metric", month="2020-12", **target_progress.status_params())
    ii = target_progress.month_view(rows, "2020-12", "city").filter(pl.col("metric_key") == "industrial_investment")
    assert f"工业投资完成{ii['value'][0]:,.2f}亿元" in text
    from cockpit.views import inspection

    refuted = queries.run("inspection__refuted", month="2020-12", unit="city")
    starts = inspection.refuted_count(refuted, "starts", "city")["project_name"].unique()
    assert starts.len() > 0 and f"亿元以上项目开工另有{starts.len()}个经核查不属实，未计入" in text  # named under its figure
    order = ranking.month_scores(ranking.scores(rows), "2020-12").filter(pl.col("score").is_not_null())
    from docx import Document

    doc = Document(out / "嘉兴市产业项目双进双产工作通报（2020年12月）.docx")
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "排名")
    assert [r.cells[1].text for r in table.rows[1:]] == order.sort("rank", "sort_order")["unit_name"].to_list()
    snails = queries.run("snail__projects", month="2020-12", unit="city")
    assert snails.height > 0 and all(name in text for name in snails["project_name"])  # 附件1
    assert "口径说明" in text and "约谈" in text
    idle = queries.run("idle__by_unit", month="2020-12", unit="city")
    change = round(idle["idle_area"].sum() - idle["idle_area_prev"].sum())
    assert (f"较上月{'增加' if change > 0 else '减少'}{abs(change):,}亩" if change else "与上月持平") in text
    assert len(Document(out / "嘉兴市产业项目双进双产工作通报（2020年12月）.docx").inline_shapes) == 7  # the charts


def test_docx_has_the_annual_table(pack, sample_data):
    """三、县市区排名 ends with the 年度累计 table (issue 19 §3): every unit in the order of its mean score of the year,
    that mean at two decimals, the months scored, this month's rank and the year's 约谈."""
    from docx import Document

    from cockpit.views import ranking_annual

    _code, out, _ = pack
    doc = Document(out / "嘉兴市产业项目双进双产工作通报（2020年12月）.docx")
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "年度排名")
    rows = queries.run("progress__by_metric", month="2020-12", **target_progress.status_params())
    all_scores = ranking.scores(rows)
    annual = ranking_annual.annual_scores(all_scores, "2020-12")
    history = ranking_annual.interview_history(ranking.quarters(all_scores), "2020-12")
    got = [[c.text for c in r.cells] for r in table.rows]
    assert got[0] == ["年度排名", "县级主体", "年度累计得分", "参评月数", "本月排名", "本年约谈记录"]
    assert [r[1] for r in got[1:]] == annual["unit_name"].to_list() and len(got) == 10
    assert [r[2] for r in got[1:]] == [f"{v:.2f}" for v in annual["annual_score"]]
    assert [r[3] for r in got[1:]] == ["12"] * 9
    assert {r[1] for r in got[1:] if r[5] != "无"} == set(history["unit_name"].to_list()) and history.height
    text = docx_text((out / "嘉兴市产业项目双进双产工作通报（2020年12月）.docx").read_bytes())
    assert "按2020年1—12月各月综合得分的平均数（年度累计得分）排名" in text
    assert "年度累计得分为本年1月至所选月份各月综合得分的算术平均" in text  # its 口径 in words, in the last 附件


def test_xlsx_has_the_lists_formula_safe(pack, sample_data):
    from openpyxl import load_workbook

    _code, out, _ = pack
    book = load_workbook(out / "月度清单_2020-12.xlsx")
    assert book.sheetnames == ["蜗牛项目", "分级预警", "五未土地", "县市区排名", "目标进度",
                               "一把手招商", "督查核查", "核查不属实项目", "问题清单"]
    snails = queries.run("snail__projects", month="2020-12", unit="city")
    assert book["蜗牛项目"].max_row == snails.height + 1
    assert [c.value for c in book["县市区排名"][1]][:3] == ["排名", "县级主体", "综合得分"]
    register = queries.run("problems__register", month="2020-12", unit="city")
    assert book["问题清单"].max_row == register.height + 1 and book["督查核查"].max_row == 10 + 1  # 9 units + 全市
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)


def test_unknown_month_fails_cleanly(sample_root, tmp_path, capsys):
    assert main(["briefing", "--month", "1999-01", "--data-dir", str(sample_root), "--out", str(tmp_path)]) == 1
    assert "没有 1999-01 的快照" in capsys.readouterr().out


def test_pptx_one_editable_slide_per_slide(pack):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    _code, out, _ = pack
    deck = Presentation(out / "推进例会幻灯片_2020-12.pptx")
    assert len(deck.slides) == len(meeting.SLIDES)
    assert deck.core_properties.author == "嘉兴市产业项目“双进双产”工作领导小组办公室"
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[0] == meeting.MEETING_TITLE and titles[1] == "总量：工业投资与实际利用外资"
    assert titles[3] == "县市区排名（综合得分）"
    assert titles[[s.name for s in meeting.SLIDES].index("年度考核")] == "县市区排名·年度累计"
    for slide in deck.slides:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1 and pictures[0].width == deck.slide_width  # full width
        assert pictures[0].top == slide.shapes.title.height  # right under the title band
        assert slide.has_notes_slide and "数据截至2020年12月31日" in slide.notes_slide.notes_text_frame.text
    notes = {t: s.notes_slide.notes_text_frame.text for t, s in zip(titles, deck.slides)}
    assert "序时进度" in notes["总量：工业投资与实际利用外资"] and "综合得分" in notes["县市区排名（综合得分）"]
    assert "年度累计得分" in notes["县市区排名·年度累计"]  # its 口径 (issue 19 §3)


def test_docx_figures_have_no_slide_footer(sample_data):
    """The 通报's figures are the slides without the footer (推进例会 … 7/9): the footer is named in meeting.frame()
    and dropped before rendering."""
    from cockpit.briefing import pack as pack_module

    data = __import__("cockpit.briefing", fromlist=["frames"]).frames("2020-12", "city", ("idle_by_unit",))
    number = next(i for i, s in enumerate(meeting.SLIDES, start=1) if s.name == "五未土地")
    counter = f"{number}/{len(meeting.SLIDES)}"
    fig = meeting.build(number, data, "2020-12", "city")
    named = [a for a in fig.layout.annotations if a.name == pack_module.FOOTER]
    assert len(named) == 2 and any(counter in a.text for a in named)
    bare = pack_module.without_footer(fig)
    texts = [a.text for a in bare.layout.annotations]
    assert not any(meeting.MEETING_TITLE in t or counter in t for t in texts)
    assert len(bare.layout.annotations) == len(fig.layout.annotations) - 2
