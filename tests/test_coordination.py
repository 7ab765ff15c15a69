"""统筹 (issue 19 §4): the name normaliser on true and false pairs, duplicate pairs, moves between units and
disappearances on hand-made imports, and the 产业雷同 matrix."""
from __future__ import annotations

import pytest

from cockpit import names, queries
from cockpit.views import coordination as view
from tests.helpers import project, write

SAME = [
    ("博辉年产71万台新能源汽车零部件项目", "嘉兴博辉年产80万台新能源汽车零部件项目"),           # place prefix, capacity
    ("新加坡博辉年产71万台新能源汽车零部件项目", "海宁市博辉新能源汽车零部件项目"),               # country, unit name
    ("浙江禾腾锂电池隔膜有限公司", "禾腾年产9亿平方米锂电池隔膜项目"),                            # 有限公司 vs 年产…项目
    ("宏舟年产3420台（套）智能物流装备项目", "宏舟智能物流装备（一期）项目"),                    # 台（套）, brackets
    ("嘉兴港区润能电子级化学品建设项目", "润能年产10万吨电子级化学品项目"),                      # 港区, 建设
    ("Ｔｅｓｌａ超级工厂项目", "tesla 超级工厂"),                                                    # full width, case
    ("中国台湾鸿益智慧物流园项目", "鸿益智慧物流园二期项目"),                                    # region, 二期
]
DIFFERENT = [
    ("博辉年产71万台新能源汽车零部件项目", "博辉年产71万台精密减速器项目"),                      # other product
    ("博辉新能源汽车零部件项目", "博星新能源汽车零部件项目"),                                    # other investor
    ("嘉禾智能制造产业园项目", "禾嘉智能制造产业园项目"),                                        # 嘉禾 is a brand
    ("鸿益智慧物流园项目", "鸿益冷链物流中心项目"),
]


@pytest.mark.parametrize("a,b", SAME)
def test_normaliser_true_pairs(a, b):
    assert names.normalise(a) == names.normalise(b) != ""


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_normaliser_false_pairs(a, b):
    assert names.normalise(a) != names.normalise(b)


def test_normaliser_exact_forms():
    assert names.normalise("浙江嘉兴博辉年产71万台新能源汽车零部件项目") == "博辉新能源汽车零部件"
    assert names.normalise("嘉兴经济技术开发区宇源服务器项目") == "宇源服务器"
    assert names.normalise(None) == "" and names.normalise("项目") == ""


def duplicates(month: str):
    return queries.run(view.DUPLICATES_QUERY, month=month, **view.duplicate_params())


def generic_names(month: str):
    return queries.run(view.GENERIC_NAMES_QUERY, month=month, **view.generic_params())


def test_duplicates_window_and_investment(data_root):
    write(data_root, "2020-06", projects=[
        project(1, "nanhu", project_name="博辉年产71万台新能源汽车零部件项目", total_investment=100000.0,
                signed_on="2020-01-10"),
        project(2, "haining", project_name="海宁博辉新能源汽车零部件项目", total_investment=110000.0,
                signed_on="2020-06-10"),                       # 10% of the larger (11亿 → 1.1亿): 1亿 apart, in
        project(3, "pinghu", project_name="嘉兴博辉新能源汽车零部件项目", total_investment=89000.0,
                signed_on="2020-03-01"),                       # 11亿 vs 8.9亿 (and 10 vs 8.9: 11% > 10%): out
        project(4, "jiashan", project_name="禾腾锂电池隔膜项目", total_investment=50000.0, signed_on="2019-01-09"),
        project(5, "haiyan", project_name="禾腾年产9亿平方米锂电池隔膜项目", total_investment=50000.0,
                signed_on="2020-01-10"),                       # 12 months and a day apart: out
        project(6, "tongxiang", project_name="禾腾锂电池隔膜项目", total_investment=50000.0,
                signed_on="2020-01-09"),                       # exactly 12 months after 4: in; same month as 5: in
        project(7, "nanhu", project_name="博辉新能源汽车零部件项目", total_investment=100000.0,
                signed_on="2020-02-01"),                       # same unit as 1: never a pair with 1
    ])
    pairs = duplicates("2020-06")
    got = sorted((r["project_code_a"][-2:], r["project_code_b"][-2:]) for r in pairs.iter_rows(named=True))
    assert got == [("01", "02"), ("04", "06"), ("05", "06"), ("07", "02")]
    table = view.duplicate_table(pairs)
    assert table.columns[:3] == ["规范化名称", "县级主体甲", "项目名称甲"]


def test_a_name_shared_by_too_many_projects_is_named_not_paired(data_root, monkeypatch):
    """“新材料” in four units' 项目库 (海宁新材料项目 …) points at no one investor: with duplicate_max_projects = 3
    it is listed as generic, not paired (its pairs grow with the square of the count); 博辉 still pairs."""
    monkeypatch.setattr(view, "settings", lambda: {**view._DEFAULTS, "duplicate_max_projects": 3})
    units_ = ["haining", "pinghu", "tongxiang", "jiashan"]
    write(data_root, "2020-06", projects=[
        *[project(n, unit, project_name=f"{'海宁平湖桐乡嘉善'[2 * i:2 * i + 2]}新材料项目", total_investment=50000.0,
                  signed_on="2020-02-01") for i, (n, unit) in enumerate(zip(range(1, 5), units_))],
        project(5, "nanhu", project_name="博辉新能源汽车零部件项目", total_investment=100000.0, signed_on="2020-01-10"),
        project(6, "xiuzhou", project_name="嘉兴博辉新能源汽车零部件项目", total_investment=100000.0,
                signed_on="2020-02-10"),
    ])
    pairs = duplicates("2020-06")
    assert sorted((r["project_code_a"][-2:], r["project_code_b"][-2:]) for r in pairs.iter_rows(named=True)) == [
        ("05", "06")]
    generic = generic_names("2020-06")
    assert generic.rows() == [("新材料", 4)]
    assert view.generic_note(generic) == "另有1个规范化名称各见于3个以上项目，过于笼统，未逐对比较：“新材料”（4个）。"
    monkeypatch.setattr(view, "settings", lambda: {**view._DEFAULTS, "duplicate_max_projects": 4})
    assert generic_names("2020-06").is_empty() and duplicates("2020-06").height == 1 + 6  # 4 units: 6 pairs


def test_names_are_normalised_at_import(data_root):
    """shared_names, derived at import, keeps only the projects whose normalised name is in two units or more,
    with how many of the month's projects share it; a re-import of the month re-derives it."""
    from cockpit import store

    write(data_root, "2020-06", projects=[
        project(1, "nanhu", project_name="博辉新能源汽车零部件项目"),
        project(2, "nanhu", project_name="南湖博辉新能源汽车零部件（二期）项目"),       # same unit, same key
        project(3, "haining", project_name="浙江博辉新能源汽车零部件有限公司"),
        project(4, "pinghu", project_name="禾腾锂电池隔膜项目"),                        # one unit only: not kept
        project(5, "xiuzhou", project_name="项目"),                                    # empty key: not kept
    ])
    rows = store.connect().sql("select project_code, unit_id, name_key, sharing from shared_names "
                               "where snapshot_month = '2020-06' order by project_code").fetchall()
    assert [(code[-2:], unit, key, n) for code, unit, key, n in rows] == [
        ("01", "nanhu", "博辉新能源汽车零部件", 3), ("02", "nanhu", "博辉新能源汽车零部件", 3),
        ("03", "haining", "博辉新能源汽车零部件", 3)]
    write(data_root, "2020-06", projects=[project(1, "nanhu", project_name="博辉新能源汽车零部件项目"),
                                          project(4, "pinghu", project_name="禾腾锂电池隔膜项目")])
    assert store.connect().sql("select count(*) from shared_names where snapshot_month = '2020-06'").fetchall() == [(0,)]
    assert duplicates("2020-06").is_empty() and generic_names("2020-06").is_empty()


def test_moves_and_disappearance(data_root):
    may = [project(1, "nanhu", signed_on="2019-05-01"), project(2, "nanhu"), project(3, "xiuzhou"),
           project(4, "xiuzhou", started_on="2020-02-01", completed_on="2020-03-01", production_on="2020-04-01")]
    write(data_root, "2019-12", projects=[project(1, "nanhu", signed_on="2019-05-01")])
    write(data_root, "2020-05", projects=may)
    write(data_root, "2020-06", projects=[
        project(1, "jiashan", signed_on="2019-05-01", project_name="测试项目1（迁建）"),  # moved to 嘉善
        project(2, "nanhu"),
        # 3 gone before production: listed; 4 gone after production: not
    ])
    moves = queries.run("coordination__moves", month="2020-06")
    assert [(r["snapshot_month"], r["move_kind"], r["project_code"][-2:], r["unit_name_before"], r["unit_name_after"])
            for r in moves.iter_rows(named=True)] == [
        ("2020-06", "change_unit", "01", "南湖区", "嘉善县"),
        ("2020-06", "disappeared", "03", "秀洲区", None),
    ]
    first = moves.row(0, named=True)
    assert (first["prev_month"], first["name_before"], first["name_after"]) == ("2020-05", "测试项目1", "测试项目1（迁建）")
    assert view.move_table(moves).row(1)[:2] == ("2020-06", "移出项目库（未投产）")
    assert queries.run("coordination__moves", month="2020-05").height == 0  # 2019-12 → 2020-05: no change
    assert queries.run("coordination__moves", month="2019-12").height == 0  # the year's first snapshot: no base


def test_industry_matrix_marks_five_units(data_root):
    rows = [project(i, unit, industry="新材料", total_investment=10000.0 * i, signed_on="2020-03-01")
            for i, unit in enumerate(["nanhu", "xiuzhou", "jiashan", "haiyan", "haining"], start=1)]
    rows += [project(6, "nanhu", industry="光伏", total_investment=50000.0, signed_on="2020-03-01"),
             project(7, "xiuzhou", industry="光伏", total_investment=50000.0, signed_on="2019-03-01"),  # last year
             project(8, "jiashan", total_investment=20000.0, signed_on="2020-02-01")]                 # 未填
    write(data_root, "2020-06", projects=rows)
    matrix = view.industry_matrix(queries.run("coordination__industry", month="2020-06"))
    table = view.industry_table(matrix)
    assert table["所属产业"].to_list() == ["新材料★", "光伏", "未填"]
    assert table.row(0)[-2:] == (5, 15.0)
    assert table["南湖（亿元）"].to_list() == [1.0, 5.0, None]
    fig = view.industry_figure(matrix)
    assert list(fig.data[0].y) == ["★新材料（5）", "光伏（1）", "未填（1）"]


def test_sample_carries_the_cases(sample_data):
    from cockpit.sample import coordination as planted
    from cockpit.sample import world

    cases = world.build(2020, 1500).cases
    assert len(cases.renames) == planted.PAIRS and cases.move and cases.gone
    pairs = duplicates("2020-12")
    found = set(pairs["project_code_a"]) | set(pairs["project_code_b"])
    assert set(cases.renames) <= found
    moves = queries.run("coordination__moves", month="2020-12")
    assert (planted.MOVE_FROM, "change_unit", cases.move[0]) in moves.select(
        "snapshot_month", "move_kind", "project_code").rows()
    assert (planted.GONE_FROM, "disappeared", cases.gone) in moves.select(
        "snapshot_month", "move_kind", "project_code").rows()


def test_issue_19_queries_open_only_the_months_they_show(sample_data):
    """A one-month query opens that month's file; the year's trend and moves open the year's (moves: the year's 12
    files of changes derived at import, each against the snapshot before it, not 13 months of projects)."""
    import re

    from cockpit import store
    from cockpit.views import snail_warnings

    def files_read(name: str, **params) -> list[int]:
        text = store.connect().sql("explain analyze " + queries.sql_text(name), params=params).fetchall()[0][1]
        return [int(n) for n in re.findall(r"Total Files Read: (\d+)", text)]

    month = {"month": "2020-12"}
    assert files_read("snail__upcoming", **month, unit="city", horizon_months=3) == [1]
    assert files_read("idle__upcoming", **month, unit="city", days=60) == [1, 1]
    assert files_read("warnings__trend", **month, unit="city", **snail_warnings.warning_params()) == [12]
    assert files_read("consistency__list", **month, tolerance=0.005, check_key="", limit=None) == [1]
    assert files_read(view.DUPLICATES_QUERY, **month, **view.duplicate_params()) == [1]
    assert files_read(view.GENERIC_NAMES_QUERY, **month, **view.generic_params()) == [1]
    assert files_read("coordination__industry", **month) == [1]
    assert files_read("coordination__moves", **month) == [12]
    assert "project_facts" not in store.connect().sql(
        "explain analyze " + queries.sql_text("coordination__moves"), params=month).fetchall()[0][1]


def test_the_vectorised_normaliser_gives_every_name_the_same_key(sample_data):
    """names.normalised (one polars chain over a column) and names.normalise (one name in Python) agree on every
    name of the sample and of the tests above, odd ones included."""
    import polars as pl

    from cockpit import store

    sample = store.connect().sql("select distinct project_name from projects").pl()["project_name"]
    odd = ["", None, "项目", "  南湖 新材料（一期）项目 ", "ＡＢＣ年产3.5万吨ＰＥＴ项目", "[筹]嘉兴港区XX集团有限公司",
           "新加坡 博辉 (二期)", "TESLA 超级工厂-c3",
           # characters NFKC or lower-casing change besides full-width forms (normalised runs them only where needed)
           "ÄBC项目", "ﬁ公司", "Ⅻ号线", "Σσ工厂", "㈱光电", "\u3000嘉兴\u00a0博辉", "豈光电"]
    every = pl.concat([sample, pl.Series([n for pair in SAME + DIFFERENT for n in pair] + odd, dtype=pl.String)])
    assert sample.len() > 1000
    assert names.normalised(every).to_list() == [names.normalise(n) for n in every.to_list()]
