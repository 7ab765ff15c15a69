"""一张网 consistency report (issue 19 §5) on one hand-made month: each check finds exactly its rows."""
from __future__ import annotations

import polars as pl

from cockpit import consistency
from tests.helpers import project, write
from tests.test_progress_queries import indicator


def code(n: int) -> str:
    return f"2020-330402-07-02-{n:06d}"


def parcel(pid: str, unit: str = "nanhu", **fields) -> dict:
    return {"parcel_id": pid, "unit_id": unit, "land_use": "工业用地", "area": 10.0, "approved_on": "2019-01-01",
            **fields}


def node(n: int, name: str) -> dict:
    return {"project_code": code(n), "node": name, "planned_on": "2020-09-01"}


def test_each_check(data_root, capsys):
    write(data_root, "2020-06", projects=[
        project(1, land_supplied_on="2020-02-01", started_on="2020-03-01"),   # parcel agrees: no finding
        project(2, "xiuzhou", land_supplied_on="2020-02-01"),                 # no parcel: supplied_without_parcel
        project(3, land_supplied_on="2020-02-01"),                            # parcels 2020-02-05 and 03-01: differs
        project(4, land_supplied_on="2020-01-01", started_on="2020-04-01"),   # parcel not started: started differs
        project(5),                                                           # no 供地日期, no parcel: fine
    ], land=[
        parcel("L1", project_code=code(1), supplied_on="2020-02-01", started_on="2020-03-01"),
        parcel("L3a", project_code=code(3), supplied_on="2020-03-01"),
        parcel("L3b", project_code=code(3), supplied_on="2020-02-05"),
        parcel("L4", project_code=code(4), supplied_on="2020-01-01"),
        parcel("L9", "haining", project_code=code(9), supplied_on="2020-01-01"),  # unknown project
        parcel("L0"),                                                          # no 项目代码: fine
    ], nodes=[node(1, "报建"), node(8, "可研"), node(8, "立项")],                # 8 not in 项目库
       indicators=[
        indicator("2020-06", "city", 1000.0), indicator("2020-06", "nanhu", 600.0),
        indicator("2020-06", "xiuzhou", 396.0),                                  # 996: 0.4% off, within 0.5%
        indicator("2020-06", "city", 100.0, name="实际利用外资") | {"measure_unit": "万美元"},
        indicator("2020-06", "nanhu", 90.0, name="实际利用外资") | {"measure_unit": "万美元"},  # 10% off
    ])
    rows = consistency.listed("2020-06")
    got = [(r["check_key"], r["unit_name"], r["record_key"]) for r in rows.iter_rows(named=True)]
    assert got == [
        ("supplied_without_parcel", "秀洲区", code(2)),
        ("parcel_unknown_project", "海宁市", "L9"),
        ("supplied_on_differs", "南湖区", code(3)),
        ("started_on_differs", "南湖区", code(4)),
        ("node_unknown_project", consistency.NO_UNIT, code(8)),
        ("city_sum_differs", consistency.NO_UNIT, "实际利用外资"),
    ]
    details = rows["detail"].to_list()
    assert details[2] == "项目库供地日期2020-02-01，土地表2020-02-05（地块L3a、L3b）"
    assert details[3] == "项目库实际开工2020-04-01，土地表未填（地块L4）"
    assert details[4] == "推进节点2个（可研、立项），项目代码不在项目库"
    assert details[5] == "全市100.00万美元，1个主体合计90.00万美元，相差10.00%"
    counts = consistency.counts(rows)
    assert counts.columns == ["检查项", "南湖区", "秀洲区", "海宁市", consistency.NO_UNIT, "合计（个）"]
    assert counts["合计（个）"].to_list() == [1, 1, 1, 1, 1, 1]
    assert counts["南湖区"].to_list() == [0, 0, 1, 1, 0, 0]
    assert consistency.table(rows).height == 6
    # 数据管理 counts in SQL and fetches a page of one check at a time: the same figures and rows
    per_unit = consistency.counted("2020-06")
    assert consistency.counts(per_unit).equals(counts) and consistency.total(per_unit) == 6
    assert consistency.total_by_check(per_unit) == consistency.total_by_check(rows)
    assert pl.concat([consistency.listed("2020-06", key) for key in consistency.CHECKS]).equals(rows)
    assert consistency.listed("2020-06", limit=2)["record_key"].to_list() == rows["record_key"].to_list()[:2]
    only = consistency.listed("2020-06", "node_unknown_project")
    assert only["check_name"].to_list() == ["推进节点的项目代码不在项目库"] and only["unit_name"].to_list() == [
        consistency.NO_UNIT]
    consistency.print_summary("2020-06")
    out = capsys.readouterr().out
    assert "一张网一致性检查（2020-06）：共6条不一致（仅提示，不影响导入）" in out
    assert "  推进节点的项目代码不在项目库：1条" in out


def test_tolerance_boundary_and_clean_month(data_root, monkeypatch):
    write(data_root, "2020-06", indicators=[
        indicator("2020-06", "city", 1000.0), indicator("2020-06", "nanhu", 995.0)])  # exactly 0.5%: not beyond
    assert consistency.listed("2020-06").height == 0
    with monkeypatch.context() as patch:  # (monkeypatch.undo() would also undo data_root's COCKPIT_DATA_DIR)
        patch.setattr(consistency, "tolerance", lambda: 0.004)
        assert consistency.listed("2020-06")["check_key"].to_list() == ["city_sum_differs"]
    empty = consistency.counts(consistency.listed("2020-06"))
    assert empty.columns == ["检查项", "合计（个）"] and empty["合计（个）"].to_list() == [0] * 6


def test_command_line_import_prints_the_counts(data_root, tmp_path, capsys):
    from tests.hostile.helpers import PROJECT_HEADERS, row, run

    csv = tmp_path / "项目库.csv"
    headers = PROJECT_HEADERS + ["供地日期"]
    lines = [headers, row(1) + ["2020-02-01"], row(2) + [""]]
    csv.write_text("\n".join(",".join(v for v in line) for line in lines), encoding="utf-8")
    outcome = run(data_root, capsys, csv)
    assert outcome.code == 0, outcome.err
    assert "一张网一致性检查（2020-03）：共1条不一致（仅提示，不影响导入）" in outcome.out
    assert "  项目库有供地日期、土地表无该项目地块：1条" in outcome.out


def test_the_page_reads_only_the_month_of_findings_derived_at_import(data_root):
    """数据管理's counts and rows read one file: the month's findings derived at import (issue 19 §6), not the
    项目库, 土地, 推进节点 or 月度指标 of the month (the checks ran once, when it was imported)."""
    import re

    from cockpit import queries, store

    for month in ("2020-05", "2020-06"):
        write(data_root, month, projects=[project(2, land_supplied_on="2020-02-01")],
              land=[parcel("L9", project_code=code(9))], nodes=[node(8, "可研")],
              indicators=[indicator(month, "city", 100.0), indicator(month, "nanhu", 90.0)])
    runs = {consistency.COUNTS_QUERY: {}, consistency.LIST_QUERY: {"check_key": "", "limit": None}}
    for name, params in runs.items():
        plan = store.connect().sql("explain analyze " + queries.sql_text(name),
                                   params={"month": "2020-06", "tolerance": 0.005, **params}).fetchall()[0][1]
        assert [int(n) for n in re.findall(r"Total Files Read: (\d+)", plan)] == [1], name
        assert re.findall(r"[^\s│]+\.parquet", plan) == [
            str(data_root / "derived/consistency_findings/snapshot_month=2020-06/consistency_findings.g00002.parquet")]
    assert consistency.total_by_check(consistency.counted("2020-06")) == {
        "supplied_without_parcel": 1, "parcel_unknown_project": 1, "supplied_on_differs": 0, "started_on_differs": 0,
        "node_unknown_project": 1, "city_sum_differs": 1}


def test_a_re_import_with_the_disagreement_fixed_drops_the_finding(data_root):
    write(data_root, "2020-05", projects=[project(2, land_supplied_on="2020-02-01")])
    write(data_root, "2020-06", projects=[project(2, land_supplied_on="2020-02-01"),
                                          project(3, land_supplied_on="2020-03-01")],
          land=[parcel("L3", project_code=code(3), supplied_on="2020-03-05")])
    assert consistency.listed("2020-06")["check_key"].to_list() == ["supplied_without_parcel", "supplied_on_differs"]
    # 土地 of 2020-06 imported again: project 2 has its parcel now, and project 3's parcel the 项目库's date
    write(data_root, "2020-06", land=[parcel("L2", project_code=code(2), supplied_on="2020-02-01"),
                                      parcel("L3", project_code=code(3), supplied_on="2020-03-01")])
    assert consistency.listed("2020-06").height == 0 and consistency.total(consistency.counted("2020-06")) == 0
    # the other month keeps its finding (its snapshot did not change)
    assert consistency.listed("2020-05")["record_key"].to_list() == [code(2)]
