"""按上年节奏预计全年 (issue 19 §2) on a hand-made two-year import: the ratio last December ÷ last year's same
month, from 上年同期累计 for 月度指标 and from last year's snapshots for counts; the text and the short-history note."""
from __future__ import annotations

import pytest

from cockpit import queries
from cockpit.views import target_progress as progress
from tests.helpers import project, write
from tests.test_progress_queries import WAN, indicator


def target(year: int, unit: str, name: str, value: float, measure: str) -> dict:
    return {"year": year, "unit_id": unit, "target": name, "target_value": value, "measure_unit": measure}


def starts(n: int, year: int, month: int, first: int) -> list[dict]:
    """n 亿元以上 projects of nanhu started on the 10th of year-month (serials from `first`)."""
    return [project(first + i, total_investment=20000.0, signed_on=f"{year}-01-05",
                    started_on=f"{year}-{month:02d}-10") for i in range(n)]


@pytest.fixture
def two_years(data_root):
    # 2019: 4 starts by June, 10 by December. 2020: 6 by June.
    # 工业投资 (nanhu): 2020-06 本年 60亿, 上年同期累计 40亿; 2019-12 本年 100亿 → ratio 2.5 → 150亿.
    # xiuzhou reports 2020-06 with 上年同期累计 0 → no projection.
    write(data_root, "2019-06", projects=starts(4, 2019, 3, 1),
          indicators=[indicator("2019-06", "nanhu", 41 * WAN)])
    write(data_root, "2019-12", projects=starts(4, 2019, 3, 1) + starts(6, 2019, 9, 11),
          indicators=[indicator("2019-12", "nanhu", 100 * WAN), indicator("2019-12", "xiuzhou", 5 * WAN)])
    write(data_root, "2020", targets=[target(2020, "nanhu", "工业投资", 160 * WAN, "万元"),
                                      target(2020, "nanhu", "亿元以上项目开工", 14, "个")])
    write(data_root, "2020-06",
          projects=starts(4, 2019, 3, 1) + starts(6, 2019, 9, 11) + starts(6, 2020, 4, 21),
          indicators=[indicator("2020-06", "nanhu", 60 * WAN, 40 * WAN),
                      indicator("2020-06", "xiuzhou", 3 * WAN, 0.0)])
    return data_root


def view(month: str, unit: str):
    rows = queries.run("progress__by_metric", month=month, **progress.status_params())
    return progress.with_projection(progress.month_view(rows, month, unit), rows, month)


def pick(frame, key: str) -> dict:
    return frame.filter(frame["metric_key"] == key).row(0, named=True)


def test_ratio_from_prior_ytd_and_from_last_years_snapshots(two_years):
    nanhu = view("2020-06", "nanhu")
    money = pick(nanhu, "industrial_investment")
    # 上年同期累计 (40亿) is used, not the 2019-06 snapshot's 41亿: 60 × 100 ÷ 40 = 150亿
    assert money["projection_ratio"] == pytest.approx(2.5) and money["projection"] == pytest.approx(150.0)
    assert money["projection_text"] == "按上年节奏，预计全年完成150.00亿元（目标160.00亿元，缺口10.00亿元）"
    count = pick(nanhu, "starts")
    # counts: 2019-06 snapshot 4 starts, 2019-12 snapshot 10 → 6 × 10 ÷ 4 = 15
    assert (count["value"], count["last_december"], count["projection"]) == (6, 10, pytest.approx(15.0))
    assert count["projection_text"] == "按上年节奏，预计全年完成15个（目标14个，超出1个）"
    assert pick(nanhu, "registration_rate")["projection_text"] == "—"  # rates are not projected
    table = progress.table(nanhu)
    assert "按上年节奏预计全年" in table.columns
    assert table.columns.index("按上年节奏预计全年") == table.columns.index("全年目标说明") + 1


def test_short_history_is_said(two_years):
    assert pick(view("2020-06", "xiuzhou"), "industrial_investment")["projection_text"] == \
        "上年同期为0，无法按上年节奏测算"
    first_year = view("2019-06", "nanhu")  # no 2018-12 snapshot
    assert pick(first_year, "starts")["projection_text"] == "上年数据不足（无上年12月数据）"
    assert pick(first_year, "starts")["projection"] is None
