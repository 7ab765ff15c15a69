"""Item 9: Excel's “Unicode 文本” (UTF-16 with BOM, tab-separated, saved as .txt) and UTF-16 csv are read."""
from __future__ import annotations

import pytest

from cockpit import store
from tests.hostile.helpers import PROJECT_HEADERS, rejected, row, run


def text_file(path, rows, delimiter, encoding):
    text = "\r\n".join(delimiter.join(values) for values in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("name, delimiter, encoding", [
    ("项目库.txt", "\t", "utf-16"),        # Excel 另存为 “Unicode 文本”: UTF-16LE with BOM, tabs
    ("项目库.csv", "\t", "utf-16"),
    ("项目库.csv", ",", "utf-16"),
    ("项目库.csv", ",", "utf-16-be"),     # no BOM, but big-endian: refused below, not garbled
    ("项目库.tsv", "\t", "utf-8-sig"),
])
def test_utf16_and_tab_separated_text_import(seeded, tmp_path, capsys, name, delimiter, encoding):
    data = [PROJECT_HEADERS, row(2, 项目名称="年产10万台电机项目"), row(3, 县级主体="嘉兴经开区")]
    path = text_file(tmp_path / name, data, delimiter, encoding)
    if encoding == "utf-16-be":
        path.write_bytes(b"\xfe\xff" + path.read_bytes())  # with its BOM, as Windows writes it
    outcome = run(seeded, capsys, path)
    assert outcome.code == 0, outcome.err
    assert store.connection().cursor().sql("select project_name, unit_id from projects order by 1").fetchall() == [
        ("年产10万台电机项目", "nanhu"), ("项目3", "jingkai")]


def test_errors_in_a_utf16_file_name_row_and_column(seeded, tmp_path, capsys):
    path = text_file(tmp_path / "项目库.txt", [PROJECT_HEADERS, row(2, 签约日期="2020-13-01")], "\t", "utf-16")
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [("「项目库.txt」 第2行 列“签约日期”：不是有效日期（可写作 2020-03-05、2020/3/5、2020.3.5、"
                               "2020年3月5日）（“2020-13-01”）")]
