"""Bad input: each class of problem names file, sheet, row and column; all are reported; nothing is written."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from cockpit import store
from cockpit.ingest.importer import SourceInput, check, import_sources
from tests.helpers import project, write
from tests.ingest.files import PROJECT_HEADERS, csv_file, project_row, xlsx


def only_error(tmp_path, rows, headers=PROJECT_HEADERS, month="2020-03", sheet="项目库"):
    path = xlsx(tmp_path / "项目.xlsx", {sheet: [headers, *rows]})
    result, writes = check([SourceInput.from_path(path)], month)
    assert writes == []
    assert len(result.errors) == 1, [str(p) for p in result.errors]
    return result.errors[0]


@pytest.mark.parametrize("overrides, column, reason", [
    ({"项目名称": None}, "项目名称", "必填项为空"),
    ({"总投资（万元）": "12万"}, "总投资（万元）", "不是有效数字（“12万”）"),
    ({"总投资（万元）": "-1"}, "总投资（万元）", "不能为负数（“-1”）"),
    ({"签约日期": "2020-02-30"}, "签约日期", "不是有效日期"),
    ({"签约日期": "2020-04-01"}, "签约日期", "实际日期晚于快照月末（2020-03-31）"),
    ({"县级主体": "杭州市西湖区"}, "县级主体", "无法识别的县级主体"),
    ({"项目类别": "农业"}, "项目类别", "项目类别应为“制造业”或“生产性服务业”"),
    ({"项目代码": "2020-3304-07-02-000001"}, "项目代码", "项目代码格式应为"),
])
def test_each_class_of_bad_cell_names_row_and_column(tmp_path, overrides, column, reason):
    error = only_error(tmp_path, [project_row(1), project_row(2, **overrides)])
    assert (error.file, error.sheet, error.row, error.column) == ("项目.xlsx", "项目库", 3, column)
    assert reason in error.reason
    assert f"第3行 列“{column}”" in str(error)


def test_duplicate_codes_are_reported_on_both_rows(tmp_path):
    path = xlsx(tmp_path / "项目.xlsx", {"项目库": [PROJECT_HEADERS, project_row(1), project_row(2), project_row(1)]})
    result, _ = check([SourceInput.from_path(path)], "2020-03")
    assert [(p.row, p.column) for p in result.errors] == [(2, "项目代码"), (4, "项目代码")]
    assert all("重复" in p.reason for p in result.errors)


def test_dates_out_of_lifecycle_order(tmp_path):
    headers = PROJECT_HEADERS + ["实际开工日期", "实际竣工日期", "达规日期"]
    rows = [project_row(1) + ["2019-12-01", None, None],   # 开工 before 签约 (2020-01-10)
            project_row(2) + [None, "2020-02-01", None],   # 竣工 without 开工
            project_row(3) + ["2020-01-20", None, "2020-02-01"]]  # 达规 without 投产
    path = xlsx(tmp_path / "项目.xlsx", {"项目库": [headers, *rows]})
    result, _ = check([SourceInput.from_path(path)], "2020-03")
    assert [(p.row, p.column, p.reason.split("（")[0]) for p in result.errors] == [
        (2, "实际开工日期", "早于“签约日期”，日期先后顺序不对"),
        (3, "实际竣工日期", "已填写，但“实际开工日期”为空"),
        (4, "达规日期", "已填写，但“投产日期”为空"),
    ]


def test_coordinates_outside_jiaxing(tmp_path):
    headers = PROJECT_HEADERS + ["经度", "纬度"]
    path = xlsx(tmp_path / "项目.xlsx", {"项目库": [headers, project_row(1) + [120.7, 30.7],
                                                   project_row(2) + [116.4, 39.9]]})
    result, _ = check([SourceInput.from_path(path)], "2020-03")
    assert [(p.row, p.column) for p in result.errors] == [(3, "经度"), (3, "纬度")]


def test_missing_required_column_and_unknown_file(tmp_path):
    path = xlsx(tmp_path / "项目.xlsx", {"项目库": [PROJECT_HEADERS[:-1], project_row(1)[:-1]]})
    other = tmp_path / "notes.pdf"
    other.write_text("x")
    result, _ = check([SourceInput.from_path(path), SourceInput.from_path(other)], "2020-03")
    assert [(p.file, p.column, p.reason) for p in result.errors] == [  # in the order the files were given
        ("项目.xlsx", "签约日期", "缺少必填列"), ("notes.pdf", None, "文件类型不支持：只支持 .xlsx、.xls、.et 工作簿与 .csv、.txt（逗号或制表符分隔）文件")]


def test_indicator_units_month_and_names(tmp_path):
    path = csv_file(tmp_path / "指标.csv", [
        ["统计月份", "县级主体", "指标名称", "本年累计", "计量单位"],
        ["2020-03", "南湖", "工业投资", "10", "亿元"],
        ["2020-02", "南湖", "实际利用外资", "10", "亿美元"],      # month differs from the import's
        ["2020-03", "秀洲", "实际利用外资", "10", "亿元"],        # 外资 in 元 units
        ["2020-03", "秀洲", "招商引资", "10", "亿元"],           # unknown indicator
        ["2020-03", "秀洲", "工业投资", "10", "千元"],           # unknown measure unit
    ], encoding="gb18030")
    result, _ = check([SourceInput.from_path(path)], "2020-03")
    assert [(p.row, p.column) for p in result.errors] == [
        (3, "统计月份"), (4, "计量单位"), (5, "指标名称"), (6, "计量单位")]
    assert result.errors[0].sheet is None and result.errors[0].file == "指标.csv"


def test_all_problems_are_reported_at_once_and_warnings_do_not_block(tmp_path):
    rows = [project_row(1, **{"总投资（万元）": "abc"}), project_row(2, **{"县级主体": "上海"}),
            project_row(3, **{"签约日期": "昨天"}), project_row(4, **{"总投资（万元）": "5"})]
    error_count = len(check([SourceInput.from_path(xlsx(tmp_path / "a.xlsx", {"项目库": [PROJECT_HEADERS, *rows]}))],
                            "2020-03")[0].errors)
    assert error_count == 3
    warning_only = xlsx(tmp_path / "b.xlsx", {"项目库": [PROJECT_HEADERS, rows[3]]})
    result, writes = check([SourceInput.from_path(warning_only)], "2020-03")
    assert result.errors == [] and len(writes) == 1
    assert [p.reason.split("，")[0] for p in result.warnings] == ["金额小于100万元"]


def hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_failing_import_writes_nothing(data_root, tmp_path):
    write(data_root, "2020-03", projects=[project(1)])
    before, generation = hashes(data_root), store.generation()
    bad = xlsx(tmp_path / "项目.xlsx", {"项目库": [PROJECT_HEADERS, project_row(1), project_row(2, 项目名称=None)]})
    result = import_sources([SourceInput.from_path(bad)], "2020-03")
    assert not result.ok and result.generation is None
    assert hashes(data_root) == before and store.generation() == generation


def test_nodes_of_unknown_projects_are_warnings_against_the_current_snapshot(data_root, tmp_path):
    write(data_root, "2020-03", projects=[project(1)])
    path = csv_file(tmp_path / "节点.csv", [["项目代码", "节点名称", "计划完成日期"],
                                           [project(1)["project_code"], "立项", "2020-02-01"],
                                           [project(9)["project_code"], "立项", "2020-02-01"],
                                           [project(9)["project_code"], "报建", "2020-04-01"]], encoding="gbk")
    result = import_sources([SourceInput.from_path(path)], "2020-03")
    assert result.ok and result.generation is not None
    assert [(p.file, p.sheet, p.row, p.column, p.reason) for p in result.warnings] == [
        ("节点.csv", None, 3, "项目代码", "项目库中没有该项目代码")]  # once per code


def test_missing_required_column_does_not_hide_the_other_problems(tmp_path):
    """All problems at once: a missing 签约日期 column is one error, and the sheet's other cells are still checked."""
    rows = [["嘉兴市项目库（2020年3月）"], [], PROJECT_HEADERS[:-1],
            project_row(1)[:-1], project_row(2, **{"总投资（万元）": "abc"})[:-1]]
    result, writes = check([SourceInput.from_path(xlsx(tmp_path / "项目.xlsx", {"项目库": rows}))], "2020-03")
    assert writes == []
    assert [(p.row, p.column, p.reason) for p in result.errors] == [
        (3, "签约日期", "缺少必填列"),  # the header's own row, under a title row and a blank row
        (5, "总投资（万元）", "不是有效数字（“abc”）"),
    ]


def test_a_sheet_beside_the_data_is_skipped_with_a_warning(tmp_path):
    path = xlsx(tmp_path / "月报.xlsx", {"项目库": [PROJECT_HEADERS, project_row(1)],
                                         "汇总": [["合计", 1], ["备注：本表由系统导出"]]})
    result, writes = check([SourceInput.from_path(path)], "2020-03")
    assert result.ok and [w.table for w in writes] == ["projects"]
    assert [str(p) for p in result.warnings] == ["「月报.xlsx」工作表“汇总”：未找到表头，无法识别是哪张表，已跳过"]
    nothing = xlsx(tmp_path / "汇总.xlsx", {"汇总": [["合计", 1]]})
    result, writes = check([SourceInput.from_path(nothing)], "2020-03")
    assert writes == [] and [p.reason for p in result.errors] == ["文件中没有识别到任何模板表（按工作表名称和表头）"]


def test_production_needs_completion_except_for_zero_land_projects(tmp_path):
    headers = PROJECT_HEADERS + ["零增地", "实际开工日期", "实际竣工日期", "投产日期"]
    rows = [project_row(1) + ["否", "2020-01-20", None, "2020-03-01"],   # 投产 without 竣工
            project_row(2) + ["是", None, None, "2020-03-01"],           # 零增地: produces in a leased building
            project_row(3) + ["空", "2020-01-20", "2020-02-20", "2020-03-01"]]  # 空 is a blank flag
    result, _ = check([SourceInput.from_path(xlsx(tmp_path / "项目.xlsx", {"项目库": [headers, *rows]}))], "2020-03")
    assert [(p.row, p.column, p.reason.split("（")[0]) for p in result.errors] == [
        (2, "投产日期", "已填写，但“实际竣工日期”为空")]


def test_excel_error_values_are_shown_not_read_as_blanks(tmp_path):
    """The reader gives #DIV/0! and #N/A cells as blanks; the sheet scan puts the error text back for the message."""
    from tests.hostile.helpers import rewrite_entry

    headers = PROJECT_HEADERS + ["用地面积（亩）"]
    path = xlsx(tmp_path / "项目.xlsx", {"项目库": [headers, project_row(1) + [1], project_row(2) + [1]]})
    rewrite_entry(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
        b'<c r="E3" t="inlineStr"><is><t>20000</t></is></c>', b'<c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c>').replace(
        b'<c r="G3" t="n"><v>1</v></c>', b'<c r="G3" t="e"><v>#N/A</v></c>'))
    result, writes = check([SourceInput.from_path(path)], "2020-03")
    assert writes == []
    assert [(p.row, p.column, p.reason) for p in result.errors] == [
        (3, "总投资（万元）", "不是有效数字（“#DIV/0!”）"), (3, "用地面积（亩）", "不是有效数字（“#N/A”）")]
