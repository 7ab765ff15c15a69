"""The 通报 as a 公文 (issue 17 §2), read back from the generated .docx and its XML on the sample data for 2020-12:
frame, fonts, indents, fixed line spacing, margins, repeated table headers, the PAGE field, properties, 附件,
the register, honest headlines, figures and the --unit title. Figures are stand-in PNGs (no Chromium needed)."""
from __future__ import annotations

import datetime as dt
import io
import re

import polars as pl
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from cockpit import queries, report, units
from cockpit.briefing import gongwen, pack, sections
from cockpit.views import idle_land, meeting
from cockpit.views import target_progress as progress

MONTH = "2020-12"
NOW = dt.datetime(2021, 1, 18, 9, 30)
OFFICE = "嘉兴市产业项目“双进双产”工作领导小组办公室"


def tiny_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (192, 88), "white").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def built(sample_root):
    from cockpit import briefing

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COCKPIT_DATA_DIR", str(sample_root))
        data = briefing.frames(MONTH, "city")
        figures = {s.name: tiny_png() for s in meeting.SLIDES}
        city = pack.report_docx(MONTH, "city", data, figures, NOW)
        unit_data = briefing.frames(MONTH, "jiashan")
        unit = pack.report_docx(MONTH, "jiashan", unit_data, figures, NOW)
        yield {"data": data, "city": Document(io.BytesIO(city)), "unit": Document(io.BytesIO(unit)),
               "figures": len(figures)}


def texts(doc) -> list[str]:
    return [p.text for p in (doc if isinstance(doc, list) else doc.paragraphs)]


def body(doc) -> list:
    """Paragraphs from the title to the 落款 (before 附件1)."""
    paras = doc.paragraphs
    end = next(i for i, p in enumerate(paras) if p.text == "附件1")
    return paras[:end]


def east_asia(run) -> str | None:
    fonts = run._element.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_frame_mark_number_title_recipients_signature(built):
    doc = built["city"]
    lines = [t for t in texts(doc) if t.strip()]
    assert lines[0] == OFFICE
    mark = next(p for p in doc.paragraphs if p.text == OFFICE)
    assert mark.runs[0].font.color.rgb == gongwen.RED
    assert lines[1] == "嘉双进双产办〔2021〕 号"  # the number left blank, the year of issue
    assert lines[2] == "嘉兴市产业项目“双进双产”工作通报\n（2020年12月）"  # quotes kept; breaks before （
    assert lines[3] == "各县（市、区）人民政府、嘉兴经济技术开发区管委会、嘉兴港区管委会，市级有关部门："
    assert lines[4].startswith("现将2020年12月全市产业项目“双进双产”工作推进情况通报如下")
    end = lines.index("附件1")
    assert lines[end - 2:end] == [OFFICE, "2021年1月18日"]  # 落款: 署名, 成文日期 (the day generated)
    # 附件说明 lists every 附件 in order, the 口径 last
    first = next(i for i, t in enumerate(lines) if t.startswith("附件："))
    listed = lines[first:lines.index(OFFICE, first)]
    assert listed[:3] == ["附件：1. 蜗牛项目名单", "2. 红色预警项目名单", "3. “五未”土地清单"]
    assert listed[3:] == ["4. 经核查不属实项目名单", "5. 问题清单（未办结及本月办结）", "6. 口径说明"]


def test_page_a4_margins_and_footer_page_field(built):
    doc = built["city"]
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm, 1) for m in margins] == [37, 35, 28, 26]
    footer = section.footer.paragraphs[0]
    assert footer.alignment == 1  # centred
    xml = footer._p.xml
    assert "PAGE" in "".join(t.text for t in footer._p.iter(qn("w:instrText")))
    assert xml.count('w:fldCharType="begin"') == 1 and xml.count('w:fldCharType="end"') == 1
    assert footer.text == "— 1 —"  # the field's placeholder between the dashes


def test_body_fonts_indent_and_fixed_line_spacing(built):
    doc = built["city"]
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    paras = body(doc)
    start = next(i for i, p in enumerate(paras) if p.text.startswith("现将"))
    seen = {"一": None, "（一）": None, "body": 0}
    for p in paras[start:]:
        if not p.text.strip() or p.text.startswith(("图", "表", "注：", "附件：")) or not p.runs:
            continue
        if p.alignment in (1, 2):  # centred captions, right-aligned 落款
            continue
        if re.match(r"^\d\. ", p.text) and p.paragraph_format.left_indent:  # 附件说明's continuation lines
            continue
        fmt = p.paragraph_format
        assert fmt.line_spacing == Pt(28) and fmt.line_spacing_rule == 4, p.text  # EXACTLY
        assert fmt.first_line_indent == Pt(32), p.text  # two characters of 三号
        assert p._p.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
        font = east_asia(p.runs[0])
        if re.match(r"^[一二三四五六七八九十]+、", p.text):
            assert font == "黑体", p.text
            seen["一"] = p.text
        elif re.match(r"^（[一二三四五六七八九十]+）", p.text) and len(p.runs) == 1 and font == "楷体_GB2312":
            seen["（一）"] = p.text
        else:
            assert font in ("仿宋_GB2312", "楷体_GB2312"), p.text
            assert p.runs[0].font.size == Pt(16), p.text
            seen["body"] += 1
    assert seen["一"] and seen["（一）"] and seen["body"] > 20
    # every run of the document names its East Asian font
    for p in doc.paragraphs:
        for run in p.runs:
            if run.text.strip():
                assert east_asia(run), run.text


def test_sections_in_agreed_order_and_numbered(built):
    headings = [t for t in texts(body(built["city"])) if re.match(r"^[一二三四五六七八九十]+、", t)]
    assert headings == ["一、总体情况", "二、各地推进情况", "三、县市区排名", "四、“一把手”外出招商情况", "五、督查核查情况",
                        "六、问题项目", "七、问题办理情况", "八、需研究解决的事项", "九、下一步工作要求"]
    assert [k for k in report.SECTION_ORDER if k in pack_sections()] == list(report.SECTION_ORDER)


def pack_sections():
    from cockpit import briefing

    return briefing.SECTIONS


def test_tables_repeat_their_header_rows(built):
    doc = built["city"]
    assert len(doc.tables) >= 6  # two per-unit tables, the ranking, three 附件 lists
    for table in doc.tables:
        rows = table._tbl.findall(qn("w:tr"))
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
        assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(widths) - gongwen.TEXT_WIDTH_MM * 56.69) < 20  # the type area's width


def test_properties(built):
    props = built["city"].core_properties
    assert props.author == OFFICE
    assert props.title == "嘉兴市产业项目“双进双产”工作通报（2020年12月）"
    assert props.created.replace(tzinfo=None) == NOW


def test_attachments_on_new_pages_with_full_lists(built, sample_data):
    doc = built["city"]
    paras = doc.paragraphs
    marks = [p for p in paras if re.fullmatch(r"附件\d", p.text)]
    # the three problem lists first (附件1–3), then the mechanisms' lists, the 口径 last
    assert [p.text for p in marks] == [f"附件{i}" for i in range(1, len(marks) + 1)] and len(marks) >= 4
    assert all(p.paragraph_format.page_break_before for p in marks)
    assert all(east_asia(p.runs[0]) == "黑体" for p in marks)
    snails = queries.run("snail__projects", month=MONTH, unit="city")
    red = meeting.red_warnings(built["data"]["warnings"], "city")
    parcels = queries.run(idle_land.LIST_QUERY, month=MONTH, unit="city", **idle_land.whole_list_params())
    lists = doc.tables[-(len(marks) - 1):][:3]  # every 附件 but the 口径 is one table
    assert [len(t.rows) for t in lists] == [snails.height + 1, red.height + 1, parcels.height + 1]
    assert set(snails["project_name"]) <= {r.cells[1].text for r in lists[0].rows}
    # the “五未” 附件 is the month's whole parcel list (idle__list, no filter, no limit), row for row
    expected = [[gongwen.cell_text(v) for v in row] for row in sections.idle_attachment(parcels).iter_rows()]
    assert [[c.text for c in r.cells] for r in lists[2].rows[1:]] == expected
    # the 口径 in words: the last 附件, no formulas
    last = [p.text for p in paras[paras.index(marks[-1]):]]
    assert "口径说明" in last
    words = "".join(last)
    for formula in ("min(", "Σ", "÷", "×", "=", "max("):
        assert formula not in words, formula
    assert "综合得分" in words and "蜗牛项目" in words and "已开发面积未填的按整宗面积计" in words
    body_text = "\n".join(texts(body(doc)))  # the body points at the 附件 by the number the writer gave
    assert "名单见附件1" in body_text and "名单见附件2" in body_text and "清单见附件3" in body_text


def test_register_full_names_and_no_plus_zero(built):
    for doc in (built["city"], built["unit"]):
        text = "\n".join(texts(doc) + [c.text for t in doc.tables for r in t.rows for c in r.cells])
        assert not re.search(r"(?<!嘉兴)港区", text)
        assert "经开区" not in text
        assert "本月+" not in text and "+0" not in text
        assert "‘" not in text and "’" not in text
        assert "序时进度100.0%）" not in text  # not "…104.9%（序时进度100.0%），达序时"


def test_headline_figures_in_the_offices_words(built, sample_data):
    rows = queries.run("progress__by_metric", month=MONTH, **progress.status_params())
    row = progress.month_view(rows, MONTH, "city").filter(pl.col("metric_key") == "industrial_investment").row(
        0, named=True)
    done, pace = round(row["completion"] * 100, 1), round(row["pace"] * 100, 1)
    words = "超" if done > pace else "低于"
    expected = (f"全市工业投资完成{row['value']:,.2f}亿元，完成年度目标的{done:.1f}%，"
                f"{words}序时进度{abs(done - pace):.1f}个百分点")
    text = "\n".join(texts(built["city"]))
    assert expected in text
    # the reported 全市 figure differs from the units' sum: said under the figure
    assert abs(row["city_reported"] - row["units_sum"]) >= 0.005
    note = (f"注：全市工业投资{row['city_reported']:,.2f}亿元为报送的全市数据，九个县级主体合计"
            f"{row['units_sum']:,.2f}亿元")
    paras = texts(built["city"])
    assert paras.index(next(p for p in paras if p.startswith(note))) == paras.index(
        next(p for p in paras if expected in p)) + 1
    # the “五未” headline says how much is counted whole because 已开发面积 is blank
    parcels = queries.run(idle_land.LIST_QUERY, month=MONTH, unit="city", **idle_land.whole_list_params())
    whole = parcels.filter(pl.col("developed_area_missing"))
    assert whole.height > 0
    assert f"{whole.height}宗地块已开发面积未填，按整宗面积计入{whole['idle_area'].sum():,.0f}亩" in text


def test_per_unit_table_has_completion_and_status(built, sample_data):
    doc = built["city"]
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "县级主体")
    assert [r.cells[0].text for r in table.rows[1:]] == [u.name for u in units.UNITS]
    rows = queries.run("progress__by_metric", month=MONTH, **progress.status_params())
    jiashan = rows.filter((pl.col("snapshot_month") == MONTH) & (pl.col("unit_id") == "jiashan")
                          & (pl.col("metric_key") == "industrial_investment")).row(0, named=True)
    header = [c.text for c in table.rows[0].cells]
    cell = table.rows[1 + [u.id for u in units.UNITS].index("jiashan")].cells[header.index("工业投资")]
    assert cell.text == f"{jiashan['completion'] * 100:.1f}%\n{jiashan['status']}"


def test_ranking_bottom_two_and_interviews(built):
    text = "\n".join(texts(built["city"]))
    assert re.search(r"本月排名末2位的是.+（第\d名，[\d.]+分）", text)
    assert "季度排名末2位的县级主体由分管副市长约谈" in text


def test_figures_captioned_in_order_with_the_map_in_section_two(built):
    doc = built["city"]
    captions = [t for t in texts(doc) if re.match(r"^图\d+　", t)]
    assert [int(re.match(r"^图(\d+)", c).group(1)) for c in captions] == list(range(1, len(captions) + 1))
    assert len(doc.inline_shapes) == len(captions) >= 6
    paras = texts(doc)
    two, three = paras.index("二、各地推进情况"), paras.index("三、县市区排名")
    assert any("工业投资完成率" in c for c in paras[two:three] if c.startswith("图"))


def test_next_steps_drawn_from_the_data(built):
    paras = texts(built["city"])
    steps = paras[paras.index("九、下一步工作要求"):]
    joined = "\n".join(steps)
    oldest = meeting.longest_late(built["data"]["snails"], 1)["project_name"][0]
    assert oldest in joined and "约谈" in joined and "严重落后于序时进度" in joined


def test_unit_title_and_names(built):
    doc = built["unit"]
    title = "嘉善县产业项目“双进双产”工作通报（2020年12月）"
    assert title in [t.replace("\n", "") for t in texts(doc)[:8]]
    assert doc.core_properties.title == title
    for name in (pack.docx_name(MONTH, "jiashan"), pack.pptx_name(MONTH, "jiashan"), pack.xlsx_name(MONTH, "jiashan"),
                 pack.zip_name(MONTH, "jiashan"), *(pack.png_name(n, "jiashan") for n in range(1, 10))):
        assert "嘉善县" in name, name
    assert pack.docx_name(MONTH, "jiashan") == "嘉善县产业项目双进双产工作通报（2020年12月）.docx"


def test_hostile_text_is_written_as_text(built):
    frame = pl.DataFrame({"项目名称": ["<w:p>坏\x07名</w:p> & “引号”"], "数值": [1.5]})
    w = gongwen.Writer(gongwen.Frame(OFFICE, "号", "标题", "主送", "引言", NOW.date(), NOW))
    w.table(frame)
    doc = Document(io.BytesIO(w.save()))
    assert doc.tables[0].rows[1].cells[0].text == "<w:p>坏名</w:p> & “引号”"
    assert doc.tables[0].rows[1].cells[1].text == "1.50"


def test_missing_section_builder_is_skipped(built, sample_data, monkeypatch):
    from cockpit import briefing

    monkeypatch.setattr(briefing, "SECTIONS", {"overall": briefing.SECTIONS["overall"]})
    doc = Document(io.BytesIO(pack.report_docx(MONTH, "city", built["data"], {}, NOW)))
    assert [t for t in texts(doc) if re.match(r"^[一二三]、", t)] == ["一、总体情况"]
