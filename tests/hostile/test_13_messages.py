"""Issue 13 §5: an empty csv, a password-protected workbook and a sheet of headers only each say what they are."""
from __future__ import annotations

import io

import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from tests.hostile.helpers import PROJECT_HEADERS, rejected, row
from tests.ingest.files import xlsx


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b",,,\r\n,,\r\n", b"\xff\xfe"])
def test_an_empty_csv_says_so(seeded, tmp_path, capsys, content):
    path = tmp_path / "项目库.csv"
    path.write_bytes(content)
    assert rejected(seeded, capsys, path).errors == ["「项目库.csv」：文件为空"]


def test_an_encrypted_workbook_says_so(seeded, tmp_path, capsys):
    plain = xlsx(tmp_path / "plain.xlsx", {"项目库": [PROJECT_HEADERS, row(2)]})
    encrypted = io.BytesIO()
    with open(plain, "rb") as f:
        OOXMLFile(f).encrypt("secret", encrypted)
    path = tmp_path / "项目库.xlsx"
    path.write_bytes(encrypted.getvalue())
    assert rejected(seeded, capsys, path).errors == ["「项目库.xlsx」：文件已加密，请另存为不加密的 .xlsx"]


def test_a_sheet_with_headers_only_names_the_table(seeded, tmp_path, capsys):
    path = xlsx(tmp_path / "导出.xlsx", {"Sheet1": [["嘉兴市项目库"], PROJECT_HEADERS]})
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == ["「-」：识别为“项目库”，但只有表头、没有数据行，没有可导入的数据"]
    assert outcome.warnings == ["「导出.xlsx」工作表“Sheet1” 第2行：“项目库”没有数据行，已跳过（该表保持不变）"]
