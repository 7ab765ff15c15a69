"""项目问题 through the real import: alone or in one workbook with 项目库, GBK text, every rule with its row and
column, formulas, Unicode digits and duplicates, nothing written on failure; the template's sheet and headers."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

from openpyxl import Workbook, load_workbook

from cockpit import schema, store
from cockpit.__main__ import main
from cockpit.ingest.importer import SourceInput, check, import_sources
from cockpit.ingest.templates import workbook_bytes
from tests.helpers import project, write
from tests.ingest.files import PROJECT_HEADERS, csv_file, project_row, xlsx

HEADERS = ["问题编号", "项目代码", "问题类型", "问题描述", "提出日期", "责任单位", "办理时限", "办结日期", "提交例会"]
CODE1, CODE2 = project(1)["project_code"], project(2)["project_code"]


def row(pid: str, code: str = CODE1, kind: str = "用地", raised: str = "2020-03-02", due: str = "2020-03-31",
        closed: str | None = None, meeting: str | None = "否") -> list:
    return [pid, code, kind, "土地指标未落实", raised, "市自然资源和规划局", due, closed, meeting]


def hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def query(sql: str) -> list[tuple]:
    return store.connection().cursor().sql(sql).fetchall()


def test_template_sheet_and_headers_exactly():
    assert schema.PROBLEMS.title == "项目问题" and schema.PROBLEMS.headers == HEADERS
    book = load_workbook(io.BytesIO(workbook_bytes(["problems"])))
    assert book.sheetnames == ["项目问题", "说明"]
    assert [c.value.rstrip("*") for c in book["项目问题"][1]] == HEADERS
    notes = [[c.value for c in r] for r in book["说明"].iter_rows(min_row=2) if r[1].value == "问题类型"]
    assert "用地、用工、融资、审批、要素保障、其他" in notes[0][5]


def test_alone_as_gbk_csv_against_the_months_project_library(data_root, tmp_path):
    write(data_root, "2020-03", projects=[project(1), project(2)])
    path = csv_file(tmp_path / "问题.csv", [HEADERS, row("W-001"), row("W-002", CODE2, "融资", closed="2020-03-20",
                                                                  meeting="是")], encoding="gbk")
    result = import_sources([SourceInput.from_path(path)], "2020-03")
    assert result.ok and result.row_counts == {"problems": 2}, [str(p) for p in result.problems]
    assert query("select problem_id, problem_type, state, to_meeting from problems order by problem_id") == [
        ("W-001", "用地", "临期", False), ("W-002", "融资", "已办结", True)]


def test_in_one_workbook_with_the_project_library(data_root, tmp_path):
    path = xlsx(tmp_path / "月报.xlsx", {
        "项目库": [PROJECT_HEADERS, project_row(1), project_row(2)],
        "项目问题": [HEADERS, row("W-001"), row("W-002", CODE2, "审批", due="2020-02-28", raised="2020-01-02")],
    })
    result = import_sources([SourceInput.from_path(path)], "2020-03")
    assert result.ok and result.row_counts == {"projects": 2, "problems": 2}
    assert query("select problem_id, state, days_overdue from problems order by problem_id") == [
        ("W-001", "临期", None), ("W-002", "严重超期", 32)]


def test_every_rule_reports_row_and_column_and_writes_nothing(data_root, tmp_path):
    write(data_root, "2020-03", projects=[project(1)])
    before, generation = hashes(data_root), store.generation()
    path = xlsx(tmp_path / "问题.xlsx", {"项目问题": [
        HEADERS,
        row("W-001", CODE2),                                         # 2: not in the month's 项目库
        row("W-002", closed="2020-03-01"),                           # 3: 办结 before 提出
        row("W-003", due="2020-03-01"),                              # 4: 时限 before 提出
        row("W-004", kind="土地"),                                   # 5: not a 问题类型
        row("W-005", meeting="也许"),                                # 6: not 是/否
        row("W-005"),                                                # 7: duplicate 问题编号
        row("W-007", raised="2020-04-02", due="2020-04-30"),         # 8: raised after the month end
        row("W-008", due="=B2"),                                     # 9: a formula saved without a value
    ]})
    result = import_sources([SourceInput.from_path(path)], "2020-03")
    got = [(p.row, p.column, p.reason) for p in result.errors]
    assert (2, "项目代码", f"2020-03项目库中没有该项目代码（“{CODE2}”）") in got
    assert (3, "办结日期", "早于“提出日期”，日期先后顺序不对（“2020-03-01”）") in got
    assert (4, "办理时限", "早于“提出日期”，日期先后顺序不对（“2020-03-01”）") in got
    assert (5, "问题类型", "问题类型应为 用地、用工、融资、审批、要素保障、其他 之一（“土地”）") in got
    assert (6, "提交例会", "应填 是/否（或 Y/N、1/0）（“也许”）") in got
    assert (6, "问题编号", "与其他行重复（问题编号在同一快照中不能重复）（“W-005”）") in got
    assert (8, "提出日期", "实际日期晚于快照月末（2020-03-31）（“2020-04-02”）") in got
    assert (9, "办理时限", "公式未计算，请在 Excel 中打开并保存后再导入") in got
    assert all(p.file == "问题.xlsx" and p.sheet == "项目问题" for p in result.errors)
    assert result.generation is None and hashes(data_root) == before and store.generation() == generation


def test_without_a_project_library_the_codes_cannot_be_checked(data_root, tmp_path):
    path = csv_file(tmp_path / "问题.csv", [HEADERS, row("W-001")], encoding="utf-8-sig")
    result, writes = check([SourceInput.from_path(path)], "2020-03")
    assert writes == [] and [(p.row, p.column, p.reason) for p in result.errors] == [
        (None, "项目代码", "2020-03 尚无项目库快照，本次也未导入项目库，无法核对项目问题的项目代码：请先导入或一并导入项目库")]


def test_unicode_digits_and_dashes_in_the_code_are_the_same_project(data_root, tmp_path):
    write(data_root, "2020-03", projects=[project(1)])
    full_width = CODE1.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    path = csv_file(tmp_path / "问题.csv", [HEADERS, row("W-001", full_width)], encoding="utf-16")
    result = import_sources([SourceInput.from_path(path)], "2020-03")
    assert result.ok, [str(p) for p in result.problems]
    assert query("select project_code from problems") == [(CODE1,)]


def test_command_line_imports_the_table(data_root, tmp_path, capsys):
    write(data_root, "2020-03", projects=[project(1)])
    book = Workbook()
    sheet = book.active
    sheet.title = "项目问题"
    sheet.append(HEADERS)
    sheet.append(row("W-001"))
    path = tmp_path / "问题清单.xlsx"
    book.save(path)
    assert main(["import", "--month", "2020-03", "--data-dir", str(data_root), str(path)]) == 0
    assert "项目问题 1 行" in capsys.readouterr().out
