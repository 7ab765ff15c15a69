"""Item 4: nan, inf and 1e309 (which overflows to infinity) are not amounts."""
from __future__ import annotations

import csv
import io

from tests.hostile.helpers import PROJECT_HEADERS, rejected, row


def test_non_finite_amounts_are_errors(seeded, tmp_path, capsys):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([PROJECT_HEADERS, row(2, **{"总投资（万元）": "nan"}),
                                  row(3, **{"总投资（万元）": "inf"}), row(4, **{"总投资（万元）": "-Infinity"}),
                                  row(5, **{"总投资（万元）": "1e309"}), row(6, **{"总投资（万元）": "1e300"})])
    path = tmp_path / "项目库.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == [f"「项目库.csv」 第{r}行 列“总投资（万元）”：不是有效数字（“{v}”）"
                              for r, v in ((2, "nan"), (3, "inf"), (4, "-Infinity"), (5, "1e309"))] + [
        "「项目库.csv」 第6行 列“总投资（万元）”：超过每行上限10,000亿元（“1e300”）"]  # finite, but not an amount
