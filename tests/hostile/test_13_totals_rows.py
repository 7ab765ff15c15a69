"""Issue 13 §5: a 合计/总计/小计 row at the foot of a 项目库 or 土地 sheet is skipped with a warning that checks its sums."""
from __future__ import annotations

from cockpit import store
from tests.hostile.helpers import PROJECT_HEADERS, row, run
from tests.ingest.files import xlsx

HEADERS = ["序号"] + PROJECT_HEADERS + ["用地面积（亩）"]


def test_a_matching_total_row_is_skipped_with_a_warning(seeded, tmp_path, capsys):
    path = xlsx(tmp_path / "项目库.xlsx", {"项目库": [
        HEADERS, [1] + row(2, **{"总投资（万元）": "1,000"}) + [10.5], [2] + row(3, **{"总投资（万元）": 2500}) + [4],
        ["合计", None, None, None, None, "3,500", None, 14.5]]})
    outcome = run(seeded, capsys, path)
    assert outcome.code == 0, outcome.err
    assert outcome.warnings == [
        "「项目库.xlsx」工作表“项目库” 第1行 列“序号”：不是“项目库”模板的列，已忽略",
        "「项目库.xlsx」工作表“项目库” 第4行：“合计”行不是项目库数据，已跳过；总投资（万元）、用地面积（亩）与上方2行之和一致"]
    assert "项目库 2 行" in outcome.out
    assert store.connection().cursor().sql("select count(*) from projects").fetchall() == [(2,)]


def test_a_total_that_does_not_add_up_says_by_how_much(seeded, tmp_path, capsys):
    path = xlsx(tmp_path / "项目库.xlsx", {"项目库": [
        PROJECT_HEADERS, row(2, **{"总投资（万元）": 1000}), row(3, **{"总投资（万元）": 2500}),
        ["总 计", None, None, None, 9000, None]]})
    outcome = run(seeded, capsys, path)
    assert outcome.code == 0, outcome.err
    assert outcome.warnings == [
        "「项目库.xlsx」工作表“项目库” 第4行：“总 计”行不是项目库数据，已跳过",
        "「项目库.xlsx」工作表“项目库” 第4行 列“总投资（万元）”：“总 计”行为 9,000，与上方2行之和 3,500 不符，请核对是否漏行或多行"]


def test_subtotals_add_up_their_own_group_in_the_land_sheet(seeded, tmp_path, capsys):
    headers = ["电子监管号", "县级主体", "土地用途", "面积（亩）", "批准日期"]
    path = xlsx(tmp_path / "土地.xlsx", {"土地": [
        headers, ["P1", "南湖", "工业用地", 10, "2019-01-01"], ["P2", "南湖", "工业用地", 5, "2019-01-01"],
        ["南湖小计", None, None, 15, None],  # not a 小计 label on its own: an unknown parcel with errors
        ["P3", "秀洲", "工业用地", 7, "2019-01-01"], ["小计", None, None, 7, None], ["合计", None, None, 22, None]]})
    outcome = run(seeded, capsys, path)
    assert outcome.code == 1
    assert [line.split("：")[0] for line in outcome.errors] == [
        "「土地.xlsx」工作表“土地” 第4行 列“县级主体”", "「土地.xlsx」工作表“土地” 第4行 列“土地用途”",
        "「土地.xlsx」工作表“土地” 第4行 列“批准日期”"]
    fixed = xlsx(tmp_path / "土地2.xlsx", {"土地": [
        headers, ["P1", "南湖", "工业用地", 10, "2019-01-01"], ["P2", "南湖", "工业用地", 5, "2019-01-01"],
        ["小计", None, None, 15, None], ["P3", "秀洲", "工业用地", 7, "2019-01-01"], ["小计：", None, None, 7, None],
        ["合计", None, None, 22, None]]})
    outcome = run(seeded, capsys, fixed)
    assert outcome.code == 0, outcome.err
    assert outcome.warnings == [
        "「土地2.xlsx」工作表“土地” 第4行：“小计”行不是土地数据，已跳过；面积（亩）与上方2行之和一致",
        "「土地2.xlsx」工作表“土地” 第6行：“小计：”行不是土地数据，已跳过；面积（亩）与上方1行之和一致",
        "「土地2.xlsx」工作表“土地” 第7行：“合计”行不是土地数据，已跳过；面积（亩）与上方3行之和一致"]
