"""The 月度通报 pack on the sample data: slide PNGs at 3840×2160, the .docx holds the query's numbers and names,
the .xlsx has the five lists, the .zip holds them all, in ≤ 30 s."""
from __future__ import annotations

import io
import struct
import time
import zipfile

import polars as pl
import pytest

from cockpit import exports, queries
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


def test_command_writes_every_file_in_time(pack):
    code, out, seconds = pack
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    expected_png = [meeting.file_name(n) for n in range(1, len(meeting.SLIDES) + 1)]
    assert expected_png[0] == "01-封面.png" and expected_png[-1].endswith("-需研究解决.png")
    assert "05-一把手招商.png" in expected_png and any(n.endswith("-督查核查.png") for n in expected_png)
    assert names == sorted([*expected_png, "嘉兴市产业项目双进双产工作通报（2020年12月）.docx", "月度清单_2020-12.xlsx",
                            "月度通报_2020-12.zip"])
    for name in expected_png:
        assert png_size((out / name).read_bytes()) == (3840, 2160), name
    with zipfile.ZipFile(out / "月度通报_2020-12.zip") as archive:
        assert sorted(archive.namelist()) == sorted(n for n in names if not n.endswith(".zip"))
    assert seconds <= 30, seconds


def test_docx_holds_the_numbers_ranking_and_snails(pack, sample_data):
    _code, out, _ = pack
    text = docx_text((out / "嘉兴市产业项目双进双产工作通报（2020年12月）.docx").read_bytes())
    rows = queries.run("progress__by_metric", month="2020-12", **target_progress.status_params())
    ii = target_progress.month_view(rows, "2020-12", "city").filter(pl.col("metric_key") == "industrial_investment")
    assert f"工业投资完成{ii['value'][0]:,.2f}亿元" in text
    order = ranking.month_scores(ranking.scores(rows), "2020-12").filter(pl.col("score").is_not_null())
    positions = [text.index(f"\n{name}\n") for name in order.sort("rank")["unit_name"]]
    assert positions == sorted(positions)  # the ranking table in rank order
    snails = queries.run("snail__projects", month="2020-12", unit="city")
    assert snails.height > 0 and all(name in text for name in snails["project_name"])
    assert "附：口径说明" in text and "约谈" in text
    idle = queries.run("idle__by_unit", month="2020-12", unit="city")
    change = round(idle["idle_area"].sum() - idle["idle_area_prev"].sum())
    assert (f"较上月{'增加' if change > 0 else '减少'}{abs(change):,}亩" if change else "与上月持平") in text
    from docx import Document

    assert len(Document(out / "嘉兴市产业项目双进双产工作通报（2020年12月）.docx").inline_shapes) == 7  # the charts


def test_xlsx_has_the_five_lists_formula_safe(pack, sample_data):
    from openpyxl import load_workbook

    _code, out, _ = pack
    book = load_workbook(out / "月度清单_2020-12.xlsx")
    assert book.sheetnames == ["蜗牛项目", "分级预警", "五未土地", "县市区排名", "目标进度"]
    snails = queries.run("snail__projects", month="2020-12", unit="city")
    assert book["蜗牛项目"].max_row == snails.height + 1
    assert [c.value for c in book["县市区排名"][1]][:3] == ["排名", "县级主体", "综合得分"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)


def test_unknown_month_fails_cleanly(sample_root, tmp_path, capsys):
    assert main(["briefing", "--month", "1999-01", "--data-dir", str(sample_root), "--out", str(tmp_path)]) == 1
    assert "没有 1999-01 的快照" in capsys.readouterr().out
