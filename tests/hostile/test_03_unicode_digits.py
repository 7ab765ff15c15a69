"""Item 3: full-width digits and dashes in 项目代码 are the ASCII code (NFKC); other scripts' digits are refused."""
from __future__ import annotations

from cockpit import store
from tests.hostile.helpers import PROJECT_HEADERS, rejected, row, run
from tests.ingest.files import xlsx

FULL_WIDTH = "２０２０－３３０４０２－０７－０２－０００００２"  # 2020-330402-07-02-000002
ARABIC_INDIC = "٢٠٢٠-330402-07-02-000003"


def test_full_width_code_is_stored_as_ascii(seeded, tmp_path, capsys):
    path = xlsx(tmp_path / "项目库.xlsx", {"项目库": [PROJECT_HEADERS, row(2, 项目代码=FULL_WIDTH)]})
    assert run(seeded, capsys, path).code == 0
    codes = store.connection().cursor().sql("select project_code from projects").fetchall()
    assert codes == [("2020-330402-07-02-000002",)]


def test_the_same_code_in_ascii_and_full_width_is_a_duplicate(seeded, tmp_path, capsys):
    ascii_file = xlsx(tmp_path / "南湖.xlsx", {"项目库": [PROJECT_HEADERS, row(2)]})
    wide_file = xlsx(tmp_path / "秀洲.xlsx", {"项目库": [PROJECT_HEADERS, row(2, 项目代码=FULL_WIDTH)]})
    outcome = rejected(seeded, capsys, ascii_file, wide_file)
    assert outcome.errors == [
        "「南湖.xlsx」工作表“项目库” 第2行 列“项目代码”：与其他行重复（项目代码在同一快照中不能重复）（“2020-330402-07-02-000002”）",
        f"「秀洲.xlsx」工作表“项目库” 第2行 列“项目代码”：与其他行重复（项目代码在同一快照中不能重复）（“{FULL_WIDTH}”）",
    ]


def test_arabic_indic_digits_fail_the_code_check(seeded, tmp_path, capsys):
    path = xlsx(tmp_path / "项目库.xlsx", {"项目库": [PROJECT_HEADERS, row(3, 项目代码=ARABIC_INDIC)]})
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [
        f"「项目库.xlsx」工作表“项目库” 第2行 列“项目代码”：项目代码格式应为 YYYY-AAAAAA-NN-NN-NNNNNN（“{ARABIC_INDIC}”）"]


def test_one_code_pattern_with_ascii_digits_only():
    import polars as pl

    from cockpit import schema
    from cockpit.ingest import validate

    assert validate.CODE_PATTERN is schema.PROJECT_CODE_PATTERN  # the import checks the schema's pattern
    codes = pl.Series(["2020-330402-07-02-000003", ARABIC_INDIC, "2020-330402-07-02-00000３"])
    assert codes.str.contains(schema.PROJECT_CODE_PATTERN).to_list() == [True, False, False]
