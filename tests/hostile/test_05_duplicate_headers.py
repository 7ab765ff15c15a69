"""Item 5: two columns that both mean 总投资（万元）: refused, naming both, instead of silently using one."""
from __future__ import annotations

from tests.hostile.helpers import PROJECT_HEADERS, rejected, row
from tests.ingest.files import xlsx


def test_duplicate_headers_are_refused_naming_both(seeded, tmp_path, capsys):
    headers = PROJECT_HEADERS + ["总投资(万元)"]  # half-width brackets: the same template column
    path = xlsx(tmp_path / "项目库.xlsx", {"项目库": [headers, row(2) + ["30000"]]})
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [(
        "「项目库.xlsx」工作表“项目库” 第1行 列“总投资(万元)（第G列）”：与第E列“总投资（万元）”重复，"
        "两列都对应“总投资（万元）”，无法确定用哪一列，请删除其中一列")]
