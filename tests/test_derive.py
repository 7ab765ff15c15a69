"""Facts derived once at import: recorded with the snapshot, read by the pages, re-derived when the
configuration or the derivation SQL changes (by command, and by the app on its own)."""
from __future__ import annotations

import duckdb
import polars as pl
import pytest

from cockpit import __main__ as cli
from cockpit import derive, queries, store
from cockpit.views import snail_warnings
from tests.helpers import project, write


def config_with_rate(tmp_path, monkeypatch, rate: float):
    original = (store.REPO_DIR / "config" / "cockpit.toml").read_text(encoding="utf-8")
    path = tmp_path / f"cockpit-{rate}.toml"
    path.write_text(original.replace("usd_cny = 7.0", f"usd_cny = {rate}"), encoding="utf-8")
    assert f"usd_cny = {rate}" in path.read_text(encoding="utf-8")
    monkeypatch.setenv("COCKPIT_CONFIG", str(path))


def major_foreign() -> list[tuple]:
    return store.connection().sql("select project_name, is_major_foreign from projects "
                                  "order by project_code").fetchall()


@pytest.fixture
def two_months(data_root, tmp_path, monkeypatch):
    config_with_rate(tmp_path, monkeypatch, 7.0)
    # 70,000万元 = 7亿元 = 1亿美元 at 7.0 yuan per dollar: 超亿美元 exactly; not at 8.0.
    write(data_root, "2020-02", projects=[project(1, total_investment=70000.0, foreign_investment=500.0)],
          land=[{"parcel_id": "P1", "unit_id": "nanhu", "land_use": "工业用地", "area": 10.0,
                 "approved_on": "2019-01-01"}])
    write(data_root, "2020-03", projects=[project(1, total_investment=70000.0, foreign_investment=500.0), project(2)])
    return data_root


def test_each_month_gets_its_facts_in_the_same_generation_as_its_snapshot(two_months):
    derived = store.current_derived().select("generation", "table_name", "period", "row_count").filter(
        ~pl.col("table_name").str.starts_with("inspection_") & ~pl.col("table_name").str.starts_with("promotion_")
    ).rows()  # issue 18's facts (no 核查结果 / 招商活动 here: empty) are tested in tests/test_inspection_*.py
    # actuals: (南湖 + 全市) × 11 project metrics, + (南湖 + 全市) × 新增工业用地 where there is land
    assert derived == [(1, "consistency_findings", "2020-02", 0), (2, "consistency_findings", "2020-03", 0),
                       (1, "metric_actuals", "2020-02", 24), (2, "metric_actuals", "2020-03", 22),
                       (1, "parcel_facts", "2020-02", 1),
                       (1, "problem_facts", "2020-02", 0), (2, "problem_facts", "2020-03", 0),
                       (1, "project_changes", "2020-02", 0), (2, "project_changes", "2020-03", 1),
                       (1, "project_facts", "2020-02", 1),
                       (2, "project_facts", "2020-03", 2),
                       (1, "project_warnings", "2020-02", 0), (2, "project_warnings", "2020-03", 0),
                       (1, "shared_names", "2020-02", 0), (2, "shared_names", "2020-03", 0)]
    facts = pl.read_parquet(two_months / store.current_derived().filter(
        (pl.col("table_name") == "project_facts") & (pl.col("period") == "2020-03"))["path"][0])
    assert facts.select("project_code", "stage", "size_tier", "is_major_foreign").rows() == [
        ("2020-330402-07-02-000001", "签约", "1–10亿元", True), ("2020-330402-07-02-000002", "签约", "1–10亿元", False)]


def test_pages_read_the_derived_files(two_months):
    plan = store.connection().sql("explain analyze select count(*) from projects where snapshot_month = '2020-03'"
                                  ).fetchall()[0][1]
    assert "project_facts.g00002.parquet" in plan and "Scanning Files: 1/2" in plan


def test_a_config_change_re_derives_by_command(two_months, tmp_path, monkeypatch, capsys):
    assert major_foreign() == [("测试项目1", True), ("测试项目1", True), ("测试项目2", False)]
    config_with_rate(tmp_path, monkeypatch, 8.0)
    assert derive.stale(two_months, 2)
    assert cli.main(["derive"]) == 0
    assert "已重新派生 2 个月的数据（批次 3）" in capsys.readouterr().out
    assert store.generation() == 3 and not derive.stale(two_months, 3)
    assert major_foreign() == [("测试项目1", False), ("测试项目1", False), ("测试项目2", False)]
    assert store.history()["generation"].max() == 2  # a re-derivation is not an import
    assert cli.main(["derive"]) == 0
    assert "派生数据已是最新（批次 3" in capsys.readouterr().out


def test_the_app_re_derives_on_its_own_when_the_config_changed(two_months, tmp_path, monkeypatch):
    config_with_rate(tmp_path, monkeypatch, 8.0)
    with queries.pinned() as reader:
        assert reader.generation == 3
        assert major_foreign()[0] == ("测试项目1", False)


def test_forced_re_derivation_writes_every_month_again(two_months):
    assert derive.rederive(force=True) == 3
    # 9 files of the five tables' facts and 问题清单's, and issue 18's inspection_facts, inspection_standing, promotion_facts × 2,
    # the month-over-month changes × 2, 统筹's shared names × 2 and the 一张网 findings × 2
    assert store.current_derived()["generation"].to_list() == [3] * 21


def test_warnings_asked_with_other_thresholds_than_derived_fail_loudly(data_root):
    write(data_root, "2020-06", projects=[project(1)],
          nodes=[{"project_code": project(1)["project_code"], "node": "报建", "planned_on": "2020-01-15"}])
    configured = snail_warnings.warning_params()
    assert queries.run("warnings__projects", month="2020-06", **configured)["grade"].to_list() == ["红"]
    with pytest.raises(duckdb.Error, match="预警阈值与派生时不同"):
        queries.run("warnings__projects", month="2020-06", **{**configured, "node_red_months": 99})
