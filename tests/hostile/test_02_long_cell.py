"""Item 2: a 200,000-character 项目名称 in a .csv was a Python traceback; now it is a row error naming the cell."""
from __future__ import annotations

import csv
import io

import pytest

from tests.hostile.helpers import PROJECT_HEADERS, rejected, row


@pytest.mark.parametrize("length", [501, 100_000, 200_000])
def test_an_overlong_cell_is_a_row_error(seeded, tmp_path, capsys, length):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([PROJECT_HEADERS, row(2), row(3, 项目名称="名" * length)])
    path = tmp_path / "项目库.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [
        f"「项目库.csv」 第3行 列“项目名称”：内容过长（{length}个字符，上限500）（“{'名' * 40}…”）"]


def test_a_cell_at_the_limit_passes(seeded, tmp_path, capsys):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([PROJECT_HEADERS, row(2, 项目名称="名" * 500)])
    path = tmp_path / "项目库.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    from tests.hostile.helpers import run

    assert run(seeded, capsys, path).code == 0
