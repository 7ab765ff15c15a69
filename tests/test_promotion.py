"""一把手招商 (issue 18 §3) on tiny hand-made imports through the real import: trip counts (a trip is unit + date +
leader), enterprises, 签约 and its link to the unit's project, the year to date, the units named for no trip by a
党政主要领导, and the row errors."""
from __future__ import annotations

import datetime as dt

import polars as pl

from cockpit import queries
from cockpit.ingest.templates import workbook_bytes
from cockpit.views import promotion as view
from tests.hostile.helpers import rejected
from tests.test_inspection import D, code, do_import, project


def trip(unit: str, on: dt.date, leader: str, role: str, firm: str, outcome: str = "有效信息",
         signed: str | None = None) -> dict:
    return {"县级主体": unit, "出访日期": on, "带队领导": leader, "领导职务": role, "目的地": "上海",
            "对接企业": firm, "成果": outcome, "签约项目代码": signed}


def imported_ok(root, month, **tables):
    frames = {name: pl.DataFrame(rows) for name, rows in tables.items()}
    result = do_import(root, month, workbook_bytes(frames=frames))
    assert result.ok, [str(p) for p in result.errors]


def figures(month: str) -> dict[str, tuple]:
    rows = queries.run("promotion__by_unit", month=month)
    return {r["unit_id"]: (r["month_main_trips"], r["month_trips"], r["month_enterprises"], r["month_signed"],
                           r["month_signed_investment"], r["ytd_main_trips"], r["ytd_trips"], r["ytd_signed"],
                           r["ytd_signed_investment"], r["no_main_trip"]) for r in rows.iter_rows(named=True)}


def test_trips_enterprises_and_signings_per_unit_month_and_year(data_root):
    imported_ok(data_root, "2020-02", projects=[project(1)], promotions=[
        trip("南湖区", D(2020, 2, 3), "张书记", "党政主要领导", "甲公司")])
    imported_ok(data_root, "2020-03", projects=[project(1), {**project(2), "总投资（万元）": 50000}, project(3, "秀洲区")],
                promotions=[
                    # one trip of 南湖's 党政主要领导, two enterprises met, one signed (project 2, 5亿元)
                    trip("南湖区", D(2020, 3, 3), "张书记", "党政主要领导", "乙公司", "签约", code(2)),
                    trip("南湖区", D(2020, 3, 3), "张书记", "党政主要领导", "丙公司", "在谈"),
                    trip("南湖区", D(2020, 3, 9), "李副区长", "分管领导", "丁公司"),
                    # 秀洲: two trips, none by a 党政主要领导; a 签约 without a code counts, without investment
                    trip("秀洲区", D(2020, 3, 4), "王副区长", "分管领导", "戊公司", "签约"),
                    trip("秀洲区", D(2020, 3, 20), "赵主任", "开发区主要领导", "己公司", "签约", code(3)),
                ])
    f = figures("2020-03")
    assert f["nanhu"] == (1, 2, 3, 1, 50000.0, 2, 3, 1, 50000.0, False)
    assert f["xiuzhou"] == (0, 2, 2, 2, 20000.0, 0, 2, 2, 20000.0, True)
    assert f["haining"] == (0, 0, 0, 0, 0.0, 0, 0, 0, 0.0, True)
    assert f["city"] == (1, 4, 5, 3, 70000.0, 2, 5, 3, 70000.0, False)
    by_unit = queries.run("promotion__by_unit", month="2020-03")
    assert view.no_main_trip_units(by_unit)[:3] == ["秀洲区", "嘉善县", "海盐县"]
    assert "南湖区" not in view.no_main_trip_units(by_unit)
    table = view.unit_table(by_unit, "city")
    assert table.columns[:3] == ["县级主体", "本月党政主要领导外出招商（次）", "本月领导外出招商（次）"]
    assert table.row(0) == ("南湖区", 1, 2, 3, 1, 5.0, 2, 3, 4, 1, 5.0)
    trips = queries.run("promotion__trips", month="2020-03", unit="nanhu")
    assert trips.filter(pl.col("outcome") == "签约")["signed_project_name"].to_list() == ["项目2"]


def test_a_month_without_the_table_names_no_unit(data_root):
    imported_ok(data_root, "2020-03", projects=[project(1)])
    by_unit = queries.run("promotion__by_unit", month="2020-03")
    assert not view.imported(by_unit) and view.no_main_trip_units(by_unit) == []


def test_a_signed_code_must_be_a_project_of_that_unit(data_root, tmp_path, capsys):
    imported_ok(data_root, "2020-03", projects=[project(1), project(3, "秀洲区")])
    path = tmp_path / "招商.xlsx"
    path.write_bytes(workbook_bytes(frames={"promotions": pl.DataFrame([
        trip("南湖区", D(2020, 3, 3), "张书记", "党政主要领导", "甲公司", "签约", code(3)),
        trip("南湖区", D(2020, 3, 3), "张书记", "党政主要领导", "乙公司", "签约", code(9)),
        trip("南湖区", D(2020, 4, 1), "张书记", "党政主要领导", "丙公司"),
        trip("南湖区", D(2020, 3, 5), "张书记", "书记", "丁公司"),
    ])}))
    errors = rejected(data_root, capsys, path, month="2020-03").errors
    assert errors == [
        "「招商.xlsx」工作表“招商活动” 第2行 列“签约项目代码”：是秀洲区的项目，不是南湖区的",
        "「招商.xlsx」工作表“招商活动” 第3行 列“签约项目代码”：不在2020-03的项目库中",
        "「招商.xlsx」工作表“招商活动” 第4行 列“出访日期”：不在导入月份（2020-03）内",
        "「招商.xlsx」工作表“招商活动” 第5行 列“领导职务”：应为 党政主要领导、分管领导、开发区主要领导、其他 之一（“书记”）",
    ]
