"""The embedded sample: deterministic, built through the real import, realistic enough for every page."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import polars as pl
import pytest

from cockpit import sample, schema, store, units
from cockpit.sample import profiles, sources, world

SMALL = 200  # projects in the quick builds; the session's `sample_data` has the full 1500


def current_parquet_digests(root: Path) -> dict[tuple[str, str], str]:
    """(table, period) -> sha256 of the current Parquet file's bytes."""
    files = store.current_files(root)
    return {(t, p): hashlib.sha256((root / path).read_bytes()).hexdigest()
            for t, p, path in files.select("table_name", "period", "path").iter_rows()}


def sql(root: Path, text: str, **params) -> pl.DataFrame:
    con = store.connect(root)
    try:
        return con.sql(text, params=params or None).pl()
    finally:
        con.close()


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("sample_small") / "data"
    summary = sample.generate(root, seed=7, projects=SMALL)
    return root, summary


def test_same_seed_gives_identical_parquet_and_another_seed_does_not(small, tmp_path):
    root, _ = small
    again = tmp_path / "again"
    sample.generate(again, seed=7, projects=SMALL)
    first, second = current_parquet_digests(root), current_parquet_digests(again)
    # seven monthly tables (项目库, 土地, 推进节点, 月度指标, 项目问题, 核查结果, 招商活动) × 24 months + targets of two years
    assert len(first) == 24 * 7 + 2
    assert first == second
    other = world.build(8, SMALL)
    same = world.build(7, SMALL)
    assert not other.tables("2020-12")["projects"].equals(same.tables("2020-12")["projects"])
    assert same.tables("2020-12")["projects"].equals(world.build(7, SMALL).tables("2020-12")["projects"])


def test_every_month_goes_through_the_import_without_errors_or_warnings(small):
    root, summary = small  # generate() raises SampleImportError when the import reports an error
    assert summary["import_warnings"] == []
    history = store.history(root)
    assert set(history["imported_by"]) == {"sample"}
    assert history["generation"].n_unique() == 24  # one import per month
    assert set(summary["rows"]["projects"]) == set(sample.months())
    assert summary["rows"]["targets"] == {"2019": 230, "2020": 230}


def test_the_import_reads_back_exactly_what_was_drawn(small):
    """The messy source files (unit spellings, text dates, 是/否, 1,234 amounts, 亿元 vs 万元) lose nothing."""
    root, _ = small
    drawn = world.build(7, SMALL)
    con = store.connect(root)
    try:
        for month in ("2019-01", "2020-06", "2020-12"):
            tables = drawn.tables(month)
            for name in ("projects", "land", "nodes"):
                stored = list(schema.stored_schema(schema.TABLES[name]))
                key = list(schema.TABLES[name].key)
                got = con.sql(f"select * from raw_{name} where snapshot_month = $m", params={"m": month}).pl()
                assert got.select(stored).sort(key).equals(tables[name].select(stored).sort(key)), (name, month)
            got = con.sql("select unit_id, indicator, value_ytd, value_prior_ytd, measure_unit from raw_indicators "
                          "where snapshot_month = $m order by unit_id, indicator", params={"m": month}).pl()
            want = tables["indicators"].select(got.columns).sort("unit_id", "indicator")
            assert got.select("unit_id", "indicator", "measure_unit").equals(
                want.select("unit_id", "indicator", "measure_unit"))
            for column in ("value_ytd", "value_prior_ytd"):  # 亿元 × 10000 may differ in the last bit
                assert (got[column] - want[column]).abs().max() < 1e-6
    finally:
        con.close()


def test_source_files_are_kept_and_messy(small):
    from openpyxl import load_workbook

    root, _ = small
    folder = root / "samples" / "2020-03"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["双进双产月报_2020-03.xlsx", "推进节点_2020-03.csv"]
    csv = (folder / "推进节点_2020-03.csv").read_bytes()
    assert csv.split(b"\r\n")[0].decode("gbk") == ",".join(schema.NODES.headers)
    book = load_workbook(folder / "双进双产月报_2020-03.xlsx", read_only=True)
    assert {"项目库", "土地", "月度指标"} <= set(book.sheetnames) and "年度目标" not in book.sheetnames
    rows = list(book["项目库"].iter_rows(values_only=True))
    header = [str(h).rstrip("*") for h in rows[0]]
    column = {h: [r[header.index(h)] for r in rows[1:]] for h in ("县级主体", "注册日期", "签约日期",
                                                                  "累计完成投资（万元）", "战略性新兴产业")}
    spellings = set(column["县级主体"])
    assert len(spellings) > 9  # more spellings than units
    assert {"330402", "南湖", "南湖区", "嘉兴市南湖区"} & spellings
    assert all(isinstance(d, dt.datetime) for d in column["签约日期"])  # real Excel dates
    text_dates = [d for d in column["注册日期"] if d is not None]
    assert all(isinstance(d, str) for d in text_dates) and any("年" in d for d in text_dates)
    assert any(isinstance(v, str) and "," in v for v in column["累计完成投资（万元）"])  # 1,234 as text
    assert set(column["战略性新兴产业"]) == {"是", "否"}
    indicators = list(book["月度指标"].iter_rows(values_only=True))
    assert {"万元", "亿元", "万美元", "亿美元"} <= {r[-1] for r in indicators[1:]}
    assert "全市" in {r[1] for r in indicators[1:]}
    assert "年度目标" in load_workbook(root / "samples" / "2020-01" / "双进双产月报_2020-01.xlsx",
                                       read_only=True).sheetnames


def test_city_targets_are_the_plan_exactly(small):
    root, _ = small
    got = dict(sql(root, "select target, target_value from targets where year = 2020 and unit_id = 'city'").iter_rows())
    plan = {
        "工业投资": 9_000_000, "实际利用外资": 500_000, "实际利用外资（商务部口径）": 250_000,
        "新增工业用地备案内资投资额": 7_000_000, "生产性服务业实际引进资金": 1_500_000,
        "零增地项目实际到位资金": 500_000, "引进世界500强、国际行业领先企业、总投资超亿美元项目": 60,
        "引进亿元以上产业项目": 400, "百亿级重大产业项目": 15, "战略性新兴产业投资增长": 15, "高新技术产业投资增长": 15,
        "高端装备制造业投资增长": 15, "数字经济核心产业投资增长": 15, "工业投资增长": 15, "签约项目注册率": 80,
        "亿元以上项目开工": 280, "亿元以上项目竣工": 180, "亿元以上项目投产": 180, "新投产项目达规": 100,
        "新竣工项目达产": 100, "新供产业用地": 15000,
    }
    for name, value in plan.items():
        assert got[name] == value, name
    per_unit = sql(root, """
        select target, min(target_value) lo, max(target_value) hi, count(*) n from targets
        where year = 2020 and unit_id <> 'city'
          and target in ('百亿级重大产业项目', '50亿元～100亿元项目', '10亿元～50亿元项目')
        group by target order by target""")
    assert per_unit.rows() == [("10亿元～50亿元项目", 2, 2, 9), ("50亿元～100亿元项目", 1, 1, 9),
                               ("百亿级重大产业项目", 1, 1, 9)]
    # Summable targets split over the units: close to the city figure, never below it.
    splits = sql(root, """
        select t.target, sum(t.target_value) / any_value(c.target_value) as ratio from targets t
        join targets c on c.year = t.year and c.target = t.target and c.unit_id = 'city'
        where t.year = 2020 and t.unit_id <> 'city'
          and t.target in ('工业投资', '实际利用外资', '引进亿元以上产业项目', '亿元以上项目开工', '新供产业用地')
        group by t.target""")
    assert all(1.0 <= r <= 1.06 for r in splits["ratio"]), splits
    assert sql(root, "select count(*) n from targets where year = 2019")["n"][0] == 23 * 10


def test_city_rows_reconcile_except_industrial_investment(small):
    root, _ = small
    got = sql(root, """
        select i.indicator, c.value_ytd / sum(i.value_ytd) as ratio
        from indicators i join indicators c
          on c.snapshot_month = i.snapshot_month and c.indicator = i.indicator and c.unit_id = 'city'
        where i.snapshot_month = '2020-12' and i.unit_id <> 'city'
        group by i.indicator, c.value_ytd order by i.indicator""")
    ratios = dict(got.iter_rows())
    assert set(ratios) == {"工业投资", "实际利用外资", "实际利用外资（商务部口径）", "新增工业用地备案内资投资额"}
    assert 1.01 < ratios.pop("工业投资") < 1.03  # 市本级 on top of the units
    assert all(abs(r - 1) < 1e-9 for r in ratios.values())
    per_unit = sql(root, """select count(distinct indicator) n, count(distinct unit_id) u from indicators
                            where unit_id <> 'city' and snapshot_month in ('2019-01', '2020-12')""")
    assert per_unit.row(0) == (10, 9)


def test_projects_only_ever_move_forward(small):
    root, _ = small
    dates = ["signed_on", "registered_on", "land_supplied_on", "started_on", "completed_on", "production_on",
             "above_scale_on", "full_capacity_on"]
    frame = sql(root, "select * from raw_projects order by project_code, snapshot_month")
    for column in dates:
        assert frame.filter(pl.col(column) > pl.col("snapshot_date")).height == 0, column
    changes = frame.group_by("project_code").agg(
        *[pl.col(c).drop_nulls().n_unique().alias(c) for c in dates],
        pl.col("investment_to_date").fill_null(0).diff().min().alias("spent_less"),
    )
    for column in dates:  # once a date is reported it never changes
        assert changes[column].max() <= 1, column
    assert changes["spent_less"].min() >= 0  # 累计完成投资 never falls
    first_seen = frame.group_by("project_code").agg(pl.col("snapshot_date").min(), pl.col("signed_on").first())
    assert first_seen.filter(pl.col("signed_on") < dt.date(2019, 1, 1)).height > 0
    late = first_seen.filter(pl.col("signed_on") >= dt.date(2019, 1, 1))
    assert (late["snapshot_date"] - late["signed_on"]).dt.total_days().max() <= 31  # appears the month it is signed


def test_codes_names_and_coordinates(small):
    root, _ = small
    projects = sql(root, "select * from projects where snapshot_month = '2020-12'")
    assert projects["project_code"].str.contains(schema.PROJECT_CODE_PATTERN).all()
    assert projects["project_code"].n_unique() == projects.height
    regions = {u.id: u.code for u in units.UNITS} | {"jingkai": "330402", "gangqu": "330482"}
    moved = world.build(7, SMALL).cases.move  # a project that moved unit keeps its code's region (issue 19 §4)
    region_of = projects.filter(pl.col("project_code") != (moved[0] if moved else "")).select(
        "unit_id", pl.col("project_code").str.slice(5, 6).alias("region"))
    assert all(regions[u] == r for u, r in region_of.iter_rows())
    assert projects["project_name"].str.ends_with("项目").all()
    assert set(projects["category"]) == set(schema.CATEGORIES)
    parcels = sql(root, "select unit_id, parcel_id from land where snapshot_month = '2020-12'")
    assert all(regions[u] == p[:6] for u, p in parcels.iter_rows())  # 电子监管号 starts with the region
    assert parcels["parcel_id"].n_unique() == parcels.height
    land = sql(root, "select unit_id, lon, lat from land where snapshot_month = '2020-12'")
    for frame in (projects.select("unit_id", "lon", "lat"), land):
        for unit_id, lon, lat in frame.iter_rows():
            p = profiles.PROFILE_BY_ID[unit_id]
            assert abs(lon - p.lon) <= p.radius and abs(lat - p.lat) <= p.radius, (unit_id, lon, lat)
            assert 120.3 <= lon <= 121.3 and 30.4 <= lat <= 31.0
    assert abs(profiles.PROFILE_BY_ID["jingkai"].lon - 120.75) < 0.05
    assert abs(profiles.PROFILE_BY_ID["gangqu"].lat - 30.60) < 0.05


def test_snail_boundary_cases(small):
    """合同开工 2020-05-31 + 6 months = 2020-11-30: 蜗牛 exactly at the boundary in 2020-11, not in 2020-10."""
    root, _ = small
    got = sql(root, """select snapshot_month, is_snail_start from projects
                       where contract_start_on = date '2020-05-31' and started_on is null
                         and snapshot_month in ('2020-10', '2020-11') order by snapshot_month""")
    assert got.rows()[:2] == [("2020-10", False), ("2020-11", True)]


def test_full_sample_has_every_problem_and_plausible_counts(sample_data):
    root = sample_data
    counts = sql(root, """select (select count(*) from projects where snapshot_month = '2020-12') projects,
                                 (select count(*) from land where snapshot_month = '2020-12') parcels""").row(0)
    assert 1350 <= counts[0] <= 1650 and 720 <= counts[1] <= 880
    idle = sql(root, """
        select five_idle, count(*) filter (where idle_months < 6) a, count(*) filter (where idle_months between 6 and 11) b,
               count(*) filter (where idle_months between 12 and 23) c, count(*) filter (where idle_months >= 24) d
        from land where snapshot_month = '2020-12' and five_idle is not null group by five_idle""")
    assert set(idle["five_idle"]) == set(schema.FIVE_IDLE)
    for row in idle.iter_rows(named=True):  # every category has young and old cases
        assert row["a"] > 0 and row["d"] > 0 and row["b"] + row["c"] > 0, row
    snails = sql(root, """select count(*) filter (where is_snail_start) s, count(*) filter (where is_snail_completion) c,
                                 count(distinct unit_id) filter (where is_snail) u
                          from projects where snapshot_month = '2020-12'""").row(0)
    assert snails[0] >= 10 and snails[1] >= 10 and snails[2] >= 6
    signed = sql(root, """
        select count(*) filter (where total_investment >= 1000000) b100,
               count(*) filter (where total_investment >= 100000 and total_investment < 500000) b10,
               count(*) filter (where is_above_100m) above
        from projects where snapshot_month = '2020-12' and year(signed_on) = 2020""").row(0)
    assert 15 <= signed[0] <= 20 and signed[1] >= 24 and 340 <= signed[2] <= 480
    nodes = sql(root, """select count(*) filter (where is_overdue) overdue, count(*) filter (where slip_days > 0
                         and done_on is not null) late from nodes where snapshot_month = '2020-12'""").row(0)
    assert nodes[0] > 100 and nodes[1] > 100
    # Some units ahead of 序时进度 and some behind on 工业投资 (target in 万元, as stored).
    pace = sql(root, """
        select i.unit_id, i.value_ytd / t.target_value as done from indicators i
        join targets t on t.unit_id = i.unit_id and t.year = 2020 and t.target = '工业投资'
        where i.snapshot_month = '2020-12' and i.indicator = '工业投资' and i.unit_id <> 'city'""")
    assert pace["done"].min() < 0.9 and pace["done"].max() > 1.05
    # Projects move stage month by month.
    moved = sql(root, """select count(*) n from projects a join projects b using (project_code)
                         where a.snapshot_month = '2020-05' and b.snapshot_month = '2020-06'
                           and a.stage_order < b.stage_order""")["n"][0]
    assert moved >= 30


def test_unit_text_spellings_all_map_back():
    for unit in units.UNITS:
        for style in sources.UNIT_STYLES:
            assert units.match_unit(sources.unit_text(unit.id, style)) == unit.id
    assert units.match_unit(sources.unit_text(units.CITY_ID, "name"), allow_city=True) == units.CITY_ID


def test_date_and_amount_texts():
    day = dt.date(2020, 3, 5)
    assert [sources.date_text(day, s) for s in sources.DATE_STYLES] == [
        "2020-03-05", "2020/3/5", "2020.03.05", "2020年3月5日"]
    assert sources.amount_text(1234567.0) == "1,234,567" and sources.amount_text(1234.5) == "1,234.5"
    assert re.fullmatch(r"\d{4}-\d{2}", sample.months()[0])


def test_problem_registers_read_back_and_spread_over_every_state(small):
    """项目问题 in the monthly workbook (dates as text, 是/否) read back as drawn; every month holds problems in
    several states, and 60–120 a month at full size (tests/test_problem_queries.py checks the rules themselves)."""
    from cockpit.sample import problems

    root, _ = small
    drawn = problems.drawn(world.build(7, SMALL).projects, 7)
    stored = list(schema.stored_schema(schema.PROBLEMS))
    for month in ("2019-01", "2020-06", "2020-12"):
        got = sql(root, "select * from raw_problems where snapshot_month = $m", m=month)
        assert got.select(stored).sort("problem_id").equals(
            problems.snapshot(drawn, month).sort("problem_id")), month
    states = sql(root, "select state, count(*) as n from problems group by state")
    assert set(states["state"]) == {"已办结", "办理中", "临期", "超期", "严重超期"}
    full = problems.drawn(world.build(2020, 1500).projects, 2020)
    sizes = [problems.snapshot(full, month).height for month in sample.months()]
    assert 60 <= min(sizes) and max(sizes) <= 120, sizes
