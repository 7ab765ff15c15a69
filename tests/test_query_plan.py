"""Page queries open only the months they show: read from DuckDB's EXPLAIN ANALYZE on the sample (24 months)."""
from __future__ import annotations

import re

from cockpit import queries, store
from cockpit.views import target_progress


def plan(name: str, **params) -> str:
    return store.connect().sql("explain analyze " + queries.sql_text(name), params=params).fetchall()[0][1]


def files_read(name: str, **params) -> list[int]:
    """Files each Parquet scan of the query's plan opened (of the 24 months listed)."""
    return [int(n) for n in re.findall(r"Total Files Read: (\d+)", plan(name, **params))]


def test_a_one_month_list_opens_one_months_file(sample_data):
    # 蜗牛 list of 2020-12: the project facts of that month only, not the 23 others
    assert files_read("snail__projects", month="2020-12", unit="city") == [1]
    # “五未” month over month: this month's and the previous month's parcels, nothing else
    assert files_read("idle__changes", base_month="", month="2020-06", unit="city") == [1, 1]


def test_progress_opens_no_file(sample_data):
    # the metric actuals (per unit and month, derived at import) are held in memory by the reader: 目标进度, 首页
    # and 排名 read no Parquet file at all, neither the actuals nor a project or parcel file
    params = {"month": "2020-06", **target_progress.status_params()}
    assert files_read("progress__by_metric", **params) == []
    text = plan("progress__by_metric", **params)
    assert "metric_actuals" in text and "READ_PARQUET" not in text


def test_home_row_counts_come_from_the_catalog(sample_data):
    assert files_read("home__row_counts", month="2020-06") == []
    assert "READ_PARQUET" not in plan("home__row_counts", month="2020-06")


def test_month_over_month_changes_open_the_months_derived_changes(sample_data):
    # 蜗牛 新增/销号 were derived at import: the month's file of changes, not two months of project facts
    text = plan("snail__changes", month="2020-12", unit="city")
    assert files_read("snail__changes", month="2020-12", unit="city") == [1]
    assert "project_changes" in text and "project_facts" not in text
    # stage moves against the previous snapshot read the same file; the fallback join (any other month) gets no row
    moves = plan("pipeline__stage_moves", month="2020-12", previous_month="2020-11", unit="city")
    assert re.search(r"project_changes\.g\d+\.parquet", moves)


def test_list_pages_counts_and_rows_open_one_months_files(sample_data):
    # issue 19 §6: the aggregates and limited lists of 蜗牛与预警, “五未” and 项目查询 read that month's files only
    from cockpit.views import idle_land, project_explorer, snail_warnings

    city, warn = {"month": "2020-12", "unit": "city"}, snail_warnings.warning_params()
    runs = {
        snail_warnings.SNAIL_COUNTS_QUERY: city,
        snail_warnings.SNAIL_LIST_QUERY: {**city, "types": [], "limit": 10},
        snail_warnings.WARNING_COUNTS_QUERY: {**city, **warn},
        snail_warnings.WARNING_LIST_QUERY: {**city, **warn, "grades": [], "limit": 10},
        idle_land.AGING_QUERY: city,
        idle_land.LIST_QUERY: {**city, **idle_land.list_params(), "limit": 10},
        project_explorer.LIST_QUERY: {**city, "search": "", **warn, **project_explorer.list_params(), "limit": 10},
        project_explorer.FACETS_QUERY: {**city, "search": ""},
    }
    for name, params in runs.items():
        read = files_read(name, **params)
        assert read and set(read) == {1}, (name, read)


def test_an_included_query_loses_its_final_order_only():
    # a CTE has no order; DuckDB sorted the whole included result anyway (2.5 s of a 2,000-row list at 1,500,000)
    assert queries.sql_text("explorer__projects").rstrip().endswith(
        "order by sort_order, total_investment desc, project_code")
    assert queries._included("explorer__projects").rstrip().endswith("select * from final")
    assert queries._included("snail__list").rstrip().endswith("limit $limit")  # an order with a limit stays
    assert "order by sort_order, months_late desc, project_code\nlimit $limit" in queries.sql_text("snail__list")
