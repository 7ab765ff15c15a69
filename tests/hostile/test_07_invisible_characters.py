"""Item 7: NUL, control, zero-width and bidirectional characters are removed with a warning, so names cannot
spoof each other on screen; 南湖区 followed by a zero-width space is 南湖区."""
from __future__ import annotations

from cockpit import store
from tests.hostile.helpers import PROJECT_HEADERS, row, run
from tests.ingest.files import xlsx


def test_invisible_characters_are_removed_with_a_warning(seeded, tmp_path, capsys):
    path = xlsx(tmp_path / "项目库.xlsx", {"项目库": [
        PROJECT_HEADERS,
        row(2, 县级主体="南湖区\u200b"),
        row(3, 项目名称="\u202e目项能智\u202c"),  # right-to-left override: shows reversed
        row(4, 项目名称="智能\x7f装备\u2066项目\u2069"),
    ]})
    outcome = run(seeded, capsys, path)
    assert outcome.code == 0, outcome.err
    assert outcome.warnings == [
        "「项目库.xlsx」工作表“项目库” 第2行 列“县级主体”：含不可见字符或控制字符（U+200B），已删除",
        "「项目库.xlsx」工作表“项目库” 第3行 列“项目名称”：含不可见字符或控制字符（U+202C、U+202E），已删除",
        "「项目库.xlsx」工作表“项目库” 第4行 列“项目名称”：含不可见字符或控制字符（U+007F、U+2066、U+2069），已删除",
    ]
    rows = store.connection().cursor().sql(
        "select project_code, project_name, unit_id from projects order by project_code").fetchall()
    assert rows == [("2020-330402-07-02-000002", "项目2", "nanhu"), ("2020-330402-07-02-000003", "目项能智", "nanhu"),
                    ("2020-330402-07-02-000004", "智能装备项目", "nanhu")]


def test_nul_in_a_csv_cell_is_removed(seeded, tmp_path, capsys):
    path = tmp_path / "项目库.csv"
    path.write_text(",".join(PROJECT_HEADERS) + "\n" + ",".join(row(2, 项目名称="项\x00目")) + "\n", encoding="utf-8")
    outcome = run(seeded, capsys, path)
    assert outcome.code == 0, outcome.err
    assert outcome.warnings == ["「项目库.csv」 第2行 列“项目名称”：含不可见字符或控制字符（U+0000），已删除"]
    assert store.connection().cursor().sql("select project_name from projects").fetchall() == [("项目",)]
