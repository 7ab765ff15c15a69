"""Issue 16 §1–2: no upload can kill the process, and months, dates and amounts are bounded.

Each hostile file is built here; each import must exit 1 with a Chinese message, no traceback, and a byte-identical
data folder (helpers.rejected checks the last three).
"""
from __future__ import annotations

import datetime as dt
import re
import time
import zipfile

import pytest
import xlwt

from cockpit import REPO_DIR, store
from cockpit.ingest import archive, importer, isolate
from tests.hostile import workbooks
from tests.hostile.helpers import PROJECT_HEADERS, rejected, rewrite_entry, row, run

UNSAFE = archive.UNSAFE_XML
CORNER = "「{name}」工作表“项目库”：文件过大或已损坏（声明范围 A1:XFD1048576，1048576行，上限200000行）"


# §1: the three workbooks that aborted the process (exit 134, 512 GB asked of the allocator) ------------------------

@pytest.mark.parametrize("build", [workbooks.doctype_entity, workbooks.external_entity, workbooks.billion_laughs])
def test_a_doctype_or_entity_in_the_workbook_is_refused(seeded, tmp_path, capsys, build):
    path = build(tmp_path / "项目库.xlsx")
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [f"「项目库.xlsx」：{UNSAFE}"]


def test_a_relationship_in_another_case_finds_the_sheet_as_the_reader_does(seeded, tmp_path, capsys):
    """Worksheets/Sheet1.xml is xl/worksheets/sheet1.xml to calamine: the check scans it, and sees the far cell."""
    path = workbooks.target_case(tmp_path / "项目库.xlsx")
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [CORNER.format(name="项目库.xlsx")]


def test_a_genuine_workbook_with_such_a_relationship_still_imports(seeded, tmp_path, capsys):
    path = workbooks.projects_xlsx(tmp_path / "项目库.xlsx", [row(2), row(3)])
    rewrite_entry(path, "xl/_rels/workbook.xml.rels",
                  lambda xml: xml.replace(b'Target="/xl/worksheets/sheet1.xml"', b'Target="Worksheets/Sheet1.xml"'))
    outcome = run(seeded, capsys, path)
    assert outcome.code == 0, outcome.err
    assert "项目库 2 行" in outcome.out


def test_a_sheet_whose_part_is_missing_is_refused(seeded, tmp_path, capsys):
    path = workbooks.far_corner(tmp_path / "项目库.xlsx")
    rewrite_entry(path, "xl/_rels/workbook.xml.rels",
                  lambda xml: xml.replace(b'Target="/xl/worksheets/sheet1.xml"', b'Target="worksheets/nowhere.xml"'))
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == ["「项目库.xlsx」工作表“项目库”：" + archive.UNSURE.format(
        sheet="项目库", detail="压缩包内没有 worksheets/nowhere.xml")]


def test_two_entries_that_differ_only_in_case_are_refused(seeded, tmp_path, capsys):
    path = workbooks.far_corner(tmp_path / "项目库.xlsx")
    with zipfile.ZipFile(path, "a") as book:
        book.writestr("xl/Worksheets/Sheet1.xml", b"<worksheet/>")
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == ["「项目库.xlsx」：文件已损坏（压缩包内有2个“xl/worksheets/sheet1.xml”）"]


# §1: a reader bug ends the child, not the server ----------------------------------------------------------------------

@pytest.mark.parametrize("fault, what", [
    ("reader-abort", "读取进程异常退出（退出码 -6，内存上限1536 MB）"),
    ("reader-memory", "内存超过1536 MB上限"),
])
def test_whatever_the_reader_does_the_caller_gets_a_message(seeded, tmp_path, capsys, monkeypatch, fault, what):
    monkeypatch.setenv("COCKPIT_FAULT", fault)
    path = workbooks.projects_csv(tmp_path / "项目库.csv", [row(2)])
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [f"「项目库.csv」：{isolate.MESSAGE}：{what}"]


def test_a_reader_that_hangs_is_stopped_at_the_time_limit(seeded, tmp_path, capsys, monkeypatch):
    config = tmp_path / "cockpit.toml"
    text = (REPO_DIR / "config" / "cockpit.toml").read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^time_limit_seconds = .*$", "time_limit_seconds = 3", text), encoding="utf-8")
    monkeypatch.setenv("COCKPIT_CONFIG", str(config))
    monkeypatch.setenv("COCKPIT_FAULT", "reader-hang")
    path = workbooks.projects_csv(tmp_path / "项目库.csv", [row(2)])
    started = time.monotonic()
    outcome = rejected(seeded, capsys, path)
    assert time.monotonic() - started < 30
    assert outcome.errors == [f"「项目库.csv」：{isolate.MESSAGE}：用时超过3秒上限"]


# §1: bounded cost of a bad file ---------------------------------------------------------------------------------------

def test_shared_strings_far_beyond_the_limits_are_refused_before_reading(seeded, tmp_path, capsys):
    path = workbooks.shared_strings(tmp_path / "项目库.xlsx")  # 423 MB unpacked in 9 MB, ratio under 200
    started = time.process_time()
    outcome = rejected(seeded, capsys, path)
    assert time.process_time() - started < 2.0
    assert outcome.errors == ["「项目库.xlsx」：文件过大或已损坏（共享字符串表解压后423 MB，上限150 MB）"]


def test_a_declared_shared_string_count_beyond_the_cells_is_refused(seeded, tmp_path, capsys):
    path = workbooks.shared_strings(tmp_path / "项目库.xlsx", strings=10)
    rewrite_entry(path, "xl/sharedStrings.xml", lambda xml: xml.replace(b'uniqueCount="10"', b'uniqueCount="99000000"'))
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == ["「项目库.xlsx」：文件过大或已损坏（声明共享字符串99000000个，上限6000000个）"]


def test_an_xls_declaring_more_cells_than_the_limit_is_refused_before_reading(seeded, tmp_path, capsys):
    path = tmp_path / "项目库.xls"
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("项目库")
    for c, header in enumerate(PROJECT_HEADERS):
        sheet.write(0, c, header)
    book.save(str(path))
    data = path.read_bytes()
    at = data.index(b"\x00\x02\x0e\x00")  # the DIMENSIONS record: 65,536 rows × 200 columns = 13.1 million cells
    path.write_bytes(data[:at + 4] + (0).to_bytes(4, "little") + (65_536).to_bytes(4, "little")
                     + (0).to_bytes(2, "little") + (200).to_bytes(2, "little") + data[at + 16:])
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == ["「项目库.xls」：文件过大或已损坏（声明范围65536行×200列，上限6000000个单元格）"]


def test_every_cell_wrong_stops_listing_at_max_errors_and_counts_by_column(seeded, tmp_path, capsys):
    path = workbooks.every_cell_wrong_csv(tmp_path / "项目库.csv", 3_000)
    outcome = rejected(seeded, capsys, path)
    summaries = [e for e in outcome.errors if "以下列出前" in e]
    assert summaries == [
        "「项目库.csv」 列“项目代码”：项目代码：3,000行格式错误，以下列出前1,000条",
        "「项目库.csv」 列“项目名称”：项目名称：3,000行格式错误，以下列出前1,000条",
        "「项目库.csv」 列“县级主体”：县级主体：3,000行格式错误，以下列出前1,000条",
        "「项目库.csv」 列“项目类别”：项目类别：3,000行格式错误，以下列出前1,000条",
        "「项目库.csv」 列“总投资（万元）”：总投资（万元）：3,000行格式错误，以下列出前1,000条",
        "「项目库.csv」 列“签约日期”：签约日期：3,000行格式错误，以下列出前1,000条",
    ]
    assert len(outcome.errors) == 1_000 + len(summaries)
    assert "发现 1006 个错误" in outcome.err


def test_a_large_file_with_every_cell_wrong_stays_small_and_quick(seeded, tmp_path):
    """190,000 rows, every cell wrong (the issue's 11.6 MB file took 236 s, 3.1 GB, 5.6 million errors)."""
    path = workbooks.every_cell_wrong_csv(tmp_path / "项目库.csv", 190_000)
    started = time.monotonic()
    result, writes = importer.check([importer.SourceInput.from_path(path)], "2020-03", seeded)
    assert time.monotonic() - started < 120
    assert not writes and len(result.errors) == 1_006
    assert not any(isolate.MESSAGE in p.reason for p in result.errors)  # it ran to the end under the limits
    assert 0 < isolate.LAST_PEAK_KB[0] < 1536 * 1024, isolate.LAST_PEAK_KB


# §2: import months ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("month", ["0000-01", "1999-12", "2052-12"])
def test_import_months_are_bounded(seeded, tmp_path, capsys, month):
    path = workbooks.projects_csv(tmp_path / "项目库.csv", [row(2)])
    low, high = importer.month_bounds()
    outcome = rejected(seeded, capsys, path, month=month)
    assert outcome.errors == [f"「-」：导入月份“{month}”超出范围（应在{low}至{high}之间，最晚为下个月）"]


def test_next_month_is_the_latest():
    today = dt.date(2026, 12, 7)
    assert importer.month_bounds(today) == ("2000-01", "2027-01")
    assert importer.month_problem("2027-01", today) is None
    assert importer.month_problem("2027-02", today) is not None
    assert importer.month_problem("2000-01", today) is None


# §2: plausibility bounds ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["0001-01-01", "1989-12-31", "2101-01-01"])
def test_dates_outside_the_bounds_are_refused(seeded, tmp_path, capsys, text):
    path = workbooks.projects_csv(tmp_path / "项目库.csv", [row(2, 签约日期=text)])
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors[0] == f"「项目库.csv」 第2行 列“签约日期”：日期应在1990-01-01至2100-12-31之间（“{text}”）"


def test_a_contract_completion_in_9999_is_refused(seeded, tmp_path, capsys):
    headers = PROJECT_HEADERS + ["合同竣工日期"]
    path = tmp_path / "项目库.csv"
    path.write_text("\n".join([",".join(headers), ",".join(row(2) + ["9999-12-31"])]), encoding="utf-8")
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [
        "「项目库.csv」 第2行 列“合同竣工日期”：日期应在1990-01-01至2100-12-31之间（“9999-12-31”）"]


@pytest.mark.parametrize("serial, shown", [(1, "1900-01-01"), (60, "1900-02-28"), (61, "1900-03-01")])
def test_early_excel_serials_are_refused(seeded, tmp_path, capsys, serial, shown):
    path = workbooks.projects_xlsx(tmp_path / "项目库.xlsx", [row(2, 签约日期=serial)], "yyyy-mm-dd")
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [
        f"「项目库.xlsx」工作表“项目库” 第2行 列“签约日期”：日期应在1990-01-01至2100-12-31之间（“{shown}”）"]


@pytest.mark.parametrize("serial", [0, -1])
def test_excel_serial_zero_and_minus_one_are_quoted_as_numbers(seeded, tmp_path, capsys, serial):
    path = workbooks.projects_xlsx(tmp_path / "项目库.xlsx", [row(2, 签约日期=serial)], "yyyy-mm-dd")
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [
        "「项目库.xlsx」工作表“项目库” 第2行 列“签约日期”：不是有效日期（可写作 2020-03-05、2020/3/5、2020.3.5、"
        f"2020年3月5日）（“{serial}”）"]


def test_an_area_of_1e300_mu_is_refused_naming_the_column(seeded, tmp_path, capsys):
    outcome = rejected(seeded, capsys, workbooks.land_csv(tmp_path / "土地.csv", "1e300"))
    assert outcome.errors == ["「土地.csv」 第2行 列“面积（亩）”：超过每行上限100,000亩（“1e300”）"]


def test_an_investment_of_1_7e308_is_refused_naming_the_column(seeded, tmp_path, capsys):
    path = workbooks.projects_csv(tmp_path / "项目库.csv", [row(2, **{"总投资（万元）": "1.7e308"})])
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == ["「项目库.csv」 第2行 列“总投资（万元）”：超过每行上限10,000亿元（“1.7e308”）"]


def test_the_bounds_themselves_pass(seeded, tmp_path, capsys):
    path = workbooks.projects_csv(tmp_path / "项目库.csv", [row(2, **{"总投资（万元）": "100000000"}, 签约日期="1990-01-01")])
    assert run(seeded, capsys, path).code == 0


# §2: line endings, compact dates, Chinese messages ------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["cr", "mixed"])
def test_csv_line_endings_cr_only_or_mixed(seeded, tmp_path, capsys, kind):
    path = workbooks.projects_csv(tmp_path / "项目库.csv", [row(2), row(3), row(4)], "\r" if kind == "cr" else "\n")
    if kind == "mixed":
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r", 1).replace(b"\n", b"\r\n", 1))
    outcome = run(seeded, capsys, path)
    assert outcome.code == 0, outcome.err
    assert "项目库 3 行" in outcome.out


def test_a_date_written_20200105_is_read(seeded, tmp_path, capsys):
    path = workbooks.projects_csv(tmp_path / "项目库.csv", [row(2, 签约日期="20200105")])
    assert run(seeded, capsys, path).code == 0
    signed = store.connect(seeded).sql("select signed_on from projects where project_code like '%000002'")
    assert signed.fetchall() == [(dt.date(2020, 1, 5),)]


def test_a_file_over_20_mb_is_refused_in_chinese(seeded, tmp_path, capsys):
    path = tmp_path / "项目库.csv"
    path.write_bytes(b"x" * (21 << 20))
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == ["「项目库.csv」：文件超过20MB上限（本文件 21.0 MB）"]


def test_a_wrong_file_type_is_refused_in_chinese(seeded, tmp_path, capsys):
    path = tmp_path / "项目库.pdf"
    path.write_bytes(b"%PDF-1.4")
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == ["「项目库.pdf」：文件类型不支持：只支持 .xlsx、.xls、.et 工作簿与 .csv、.txt（逗号或制表符分隔）文件"]



def test_the_reader_child_does_not_run_the_callers_main_script(seeded, tmp_path, monkeypatch):
    """Under Streamlit, __main__ is the page being run (数据管理): a child that ran it again died with exit code 1 and
    every import through the app was refused as unreadable."""
    import sys
    import types

    page = tmp_path / "page.py"
    page.write_text("raise SystemExit(1)  # a page script: must not run in the reader's child\n", encoding="utf-8")
    main = types.ModuleType("__main__")
    main.__file__ = str(page)
    monkeypatch.setitem(sys.modules, "__main__", main)
    path = workbooks.projects_csv(tmp_path / "项目库.csv", [row(2)])
    result, writes = importer.check([importer.SourceInput.from_path(path)], "2020-03", seeded)
    assert result.errors == [] and [w.table for w in writes] == ["projects"]
