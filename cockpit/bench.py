"""Benchmark: every page's queries at several data scales, against the naive way and the floor.

    python -m cockpit bench [--projects 15000,150000,1500000] [--repeat 7] [--json FILE]

Scale = projects per snapshot month (24 monthly snapshots). The sample data (1,500 projects) is generated
once through the real import, then each month's tables are replicated with new keys (parcels and nodes in
proportion) and written through `store.write_snapshot`, which derives the month's facts: its time per month
is reported. Then a fresh process (the "app") times, for each page, the queries that page runs:
  first   the first run of the page's queries after start (cold caches)
  warm    median and p95 of later runs (no result cache: every query executes)
  naive   pandas reading the snapshot Parquet files and computing the page's main figures in Python
  floor   the bare DuckDB aggregate over the derived Parquet that the page's main figure needs
and the app process's peak RSS and the time from its start to the first page's data.
"""
from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

from cockpit import REPO_DIR, derive, queries, schema, store

BASE_PROJECTS = 1500
NAIVE_MAX_PROJECTS = 150_000  # above this, pandas holding two years of projects would need >10 GB: not run
MONTH, PREVIOUS, YEAR = "2020-12", "2020-11", 2020
# a copy is another project: new keys, and a name of its own (one name in 1,000 units' 项目库 made 统筹's duplicate
# check pair every copy with every other, a billion pairs at 1,500,000: no real 项目库 looks like that)
_KEYS = {"projects": ("project_code", "project_name"), "land": ("parcel_id", "project_code"), "nodes": ("project_code",),
         "problems": ("problem_id", "project_code"),
         # issue 18: verdicts follow their projects; trips meet new enterprises and sign the copied projects
         "inspections": ("project_code",), "promotions": ("enterprise", "signed_project_code")}


# ---- data ----------------------------------------------------------------------------------------------

def _replicate(frame: pl.DataFrame, table: str, copies: int) -> pl.DataFrame:
    if copies == 1 or table not in _KEYS:
        return frame
    parts = [frame.with_columns([pl.col(k) + f"-c{i}" for k in _KEYS[table]]) if i else frame
             for i in range(copies)]
    return pl.concat(parts)


def scaled_store(base: Path, target: Path, copies: int) -> list[float]:
    """Writes every month of `base` × copies into `target`; returns the derivation seconds per month."""
    files = store.current_files(base)
    seconds = []
    for period in sorted(files["period"].unique().to_list()):
        writes = []
        for row in files.filter(pl.col("period") == period).iter_rows(named=True):
            table = schema.TABLES[row["table_name"]]
            frame = pl.read_parquet(base / row["path"]).select(list(schema.stored_schema(table)))
            writes.append(store.SnapshotWrite(table.name, period, _replicate(frame, table.name, copies)))
        before = len(derive.timings)
        store.write_snapshot(writes, [store.SourceFile(f"bench x{copies}", "-")], root=target)
        if len(period) == 7:
            seconds.append(sum(derive.timings[before:]))
        del writes
    return seconds


# ---- what each page runs ----------------------------------------------------------------------------

def page_queries(code: str) -> dict[str, list[tuple[str, dict]]]:
    """The named queries each page runs for 2020-12, 全市, with the settings' thresholds."""
    from cockpit import consistency
    from cockpit.views import (coordination, idle_land, inspection, lists, project_explorer, ranking,
                               snail_warnings, target_progress)

    status, warn = target_progress.status_params(), snail_warnings.warning_params()
    warnings_month = [(snail_warnings.WARNING_QUERY, {"month": MONTH, **warn})]
    city = {"month": MONTH, "unit": "city"}
    points, rows = lists.map_points(), lists.list_rows()
    explorer = {**city, "search": "", **warn, **project_explorer.list_params()}
    return {
        # the headline targets (with the 不属实 left out of 开工), the problem counts (counted in SQL), the snapshot
        "home": [("progress__by_metric", {"month": MONTH, **status}), ("inspection__refuted", city),
                 (snail_warnings.SNAIL_COUNTS_QUERY, city), (snail_warnings.WARNING_COUNTS_QUERY, {**city, **warn}),
                 ("idle__by_unit", city), ("home__row_counts", {"month": MONTH})],
        "target_progress": [("progress__by_metric", {"month": MONTH, **status})],
        # the default view; the 指标明细 view adds progress__by_metric
        "ranking": [("ranking__scores", {"month": MONTH, **status, **ranking.score_params()})],
        "map": [("map__unit_metrics", {"month": MONTH}), ("map__projects", {**city, "limit": points}),
                ("map__parcels", {**city, "limit": points})],
        # counts and the aging chart by SQL aggregates, the list's shown rows and its total (issue 19 §6)
        "idle_land": [("idle__by_unit", city), ("idle__reconciliation", city), (idle_land.AGING_QUERY, city),
                      (idle_land.LIST_SUMMARY_QUERY, {**city, **idle_land.list_params()}),
                      (idle_land.LIST_QUERY, {**city, **idle_land.list_params(), "limit": rows}),
                      ("idle__data_gaps", city),
                      # the 环比变化 view: comparison with a chosen month and the 12-month trend
                      ("idle__changes", {**city, "base_month": PREVIOUS}), ("idle__trend", city)],
        # the whole lists, which the pages no longer fetch, for the 通报's attachments (briefing.LOADERS)
        "briefing_lists": [("snail__projects", city), *warnings_month,
                           (idle_land.LIST_QUERY, {**city, **idle_land.whole_list_params()})],
        # the same page one view at a time (what a user waits for): the 地块清单 and the 环比变化 view
        "idle_land_list": [("idle__by_unit", city), ("idle__reconciliation", city), (idle_land.AGING_QUERY, city),
                           (idle_land.LIST_SUMMARY_QUERY, {**city, **idle_land.list_params()}),
                           (idle_land.LIST_QUERY, {**city, **idle_land.list_params(), "limit": rows})],
        "idle_land_changes": [("idle__by_unit", city), ("idle__reconciliation", city),
                              ("idle__changes", {**city, "base_month": PREVIOUS}), ("idle__trend", city)],
        # counts by SQL aggregates, the changes, the year's grade counts in one query (issue 19 §6; was 12 lists),
        # and the shown rows of both lists (the 蜗牛项目 and 分级预警 views; the export runs only on click)
        "snail_warnings": [(snail_warnings.SNAIL_COUNTS_QUERY, city), ("snail__changes", city),
                           (snail_warnings.WARNING_COUNTS_QUERY, {**city, **warn}),
                           (snail_warnings.TREND_QUERY, {**city, **warn}),
                           (snail_warnings.SNAIL_LIST_QUERY, {**city, "types": [], "limit": rows}),
                           (snail_warnings.WARNING_LIST_QUERY, {**city, **warn, "grades": [], "limit": rows})],
        # issue 19: the 临期预警 view, 目标进度's projection (same rows), 年度累计, 统筹, 一张网
        "snail_upcoming": [(snail_warnings.UPCOMING_QUERY, {**city, **snail_warnings.upcoming_params()}),
                           (snail_warnings.IDLE_UPCOMING_QUERY, {**city, **snail_warnings.idle_upcoming_params()})],
        "ranking_annual": [("ranking__scores", {"month": MONTH, **status, **ranking.score_params()})],
        # 统筹 draws one view at a time: the default 疑似重复招引 (names normalised at import), 横向转移, 产业雷同
        "coordination": [(coordination.DUPLICATES_QUERY, {"month": MONTH, **coordination.duplicate_params()}),
                         (coordination.GENERIC_NAMES_QUERY, {"month": MONTH, **coordination.generic_params()})],
        "coordination_moves": [("coordination__moves", {"month": MONTH})],
        "coordination_industry": [("coordination__industry", {"month": MONTH})],
        # 数据管理's 一张网 view: the counts per check and unit, the first 500 rows of every check
        "consistency": [(consistency.COUNTS_QUERY, {"month": MONTH, "tolerance": consistency.tolerance()}),
                        (consistency.LIST_QUERY, {"month": MONTH, "tolerance": consistency.tolerance(),
                                                  "check_key": "", "limit": 500})],
        # the filter choices, the list's count and shown rows (filters in SQL), one project's warning (issue 19 §6)
        "project_explorer": [(project_explorer.FACETS_QUERY, {**city, "search": ""}),
                             (project_explorer.LIST_SUMMARY_QUERY, explorer),
                             (project_explorer.LIST_QUERY, {**explorer, "limit": rows}),
                             (project_explorer.PROJECT_WARNING_QUERY, {"code": code, "month": MONTH, **warn}),
                             ("explorer__project_history", {"code": code, "month": MONTH}),
                             ("explorer__project_nodes", {"code": code, "month": MONTH}),
                             ("explorer__project_land", {"code": code, "month": MONTH})],
        "pipeline": [("pipeline__funnel", city), ("pipeline__stage_durations", city),
                     ("pipeline__stage_moves", {**city, "previous_month": PREVIOUS})],
        "problems": [("problems__register", city), ("problems__summary", city)],
        # issue 18
        "inspection": [("inspection__by_unit", {"month": MONTH, **inspection.by_unit_params()}),
                       ("inspection__checklist", city), ("inspection__refuted", city)],
        "promotion": [("promotion__by_unit", {"month": MONTH}), ("promotion__trips", city)],
    }


def _floor_sql(facts: str) -> dict[str, str]:
    """Per page, the one bare aggregate over the derived facts its main figure needs (no joins, no CASE)."""
    projects = f"read_parquet('{facts}/project_facts/snapshot_month={{m}}/*.parquet')"
    land = f"read_parquet('{facts}/parcel_facts/snapshot_month={{m}}/*.parquet')"
    year_projects = f"read_parquet('{facts}/project_facts/snapshot_month={YEAR}-*/*.parquet')"
    progress = (f"select snapshot_month, unit_id, count(*) filter (where is_above_100m), count(*) "
                f"from {year_projects} group by all")
    return {
        "home": progress,
        "target_progress": progress,
        "ranking": progress,
        "map": f"select unit_id, count(*), count(*) filter (where is_snail), sum(total_investment) "
               f"from {projects.format(m=MONTH)} group by unit_id",
        "idle_land": f"select unit_id, five_idle, count(*), sum(idle_area) from {land.format(m=MONTH)} "
                     f"where five_idle is not null group by all",
        "briefing_lists": f"select unit_id, count(*) from {projects.format(m=MONTH)} where is_snail group by all",
        "idle_land_list": f"select unit_id, five_idle, count(*), sum(idle_area) from {land.format(m=MONTH)} "
                          f"where five_idle is not null group by all",
        "idle_land_changes": f"select unit_id, five_idle, count(*), sum(idle_area) from {land.format(m=MONTH)} "
                             f"where five_idle is not null group by all",
        "snail_warnings": f"select unit_id, count(*) from {projects.format(m=MONTH)} where is_snail group by all",
        "project_explorer": f"select project_code, project_name, stage from {projects.format(m=MONTH)}",
        "pipeline": f"select unit_id, stage, count(*) from {projects.format(m=MONTH)} group by all",
        "problems": f"select unit_id, state, count(*) from read_parquet("
                    f"'{facts}/problem_facts/snapshot_month={MONTH}/*.parquet') group by all",
        "inspection": f"select unit_id, verdict_state, count(*) from read_parquet('{facts}/inspection_facts/"
                      f"snapshot_month={MONTH}/*.parquet') group by all",
        "promotion": f"select unit_id, count(*) from read_parquet('{facts}/promotion_facts/"
                     f"snapshot_month={YEAR}-*/*.parquet') group by all",
        "snail_upcoming": f"select unit_id, count(*) from {projects.format(m=MONTH)} where started_on is null "
                          f"and contract_start_on is not null group by all",
        "ranking_annual": progress,
        "coordination": f"select name_key, count(*) from read_parquet('{facts}/shared_names/snapshot_month={MONTH}/"
                        f"*.parquet') group by all",
        "coordination_moves": f"select unit_id, count(*) from {year_projects} group by all",
        "coordination_industry": f"select unit_id, industry, sum(total_investment) from {projects.format(m=MONTH)} "
                                 f"group by all",
        # the findings derived at import (issue 19 §6), counted per check and unit
        "consistency": f"select check_key, unit_id, count(*) from read_parquet('{facts}/consistency_findings/"
                       f"snapshot_month={MONTH}/*.parquet') group by all",
    }


# Python steps a page runs on its query results, timed with them (the 年度累计 view averages the scores).
def _post_steps() -> dict:
    from cockpit.views import ranking, ranking_annual

    return {"ranking_annual": lambda frames: ranking_annual.annual_scores(ranking.sql_scores(frames[0]), MONTH)}


NAIVE_PAGES = ("home", "target_progress", "ranking", "map", "idle_land", "snail_warnings", "project_explorer",
               "pipeline")  # the pages _naive knows; the others report no naive figure


# ---- the naive way: pandas over the snapshot files, per rerun --------------------------------------------

def _naive(root: Path, page: str) -> None:
    import numpy as np
    import pandas as pd

    files = store.current_files(root)

    def read(table: str, months: list[str]) -> pd.DataFrame:
        paths = files.filter((pl.col("table_name") == table) & pl.col("period").is_in(months))["path"]
        return pd.concat([pd.read_parquet(root / p) for p in paths], ignore_index=True)

    year_months = [f"{y}-{m:02d}" for y in (YEAR - 1, YEAR) for m in range(1, 13)]
    end = pd.Timestamp(store.month_end(MONTH))
    if page in ("home", "target_progress", "ranking"):
        p = read("projects", year_months)
        d = pd.to_datetime(p["snapshot_date"])
        signed = pd.to_datetime(p["signed_on"])
        p["in_year"] = (signed.dt.year == d.dt.year) & (signed <= d)
        p["above"] = p["in_year"] & (p["total_investment"] >= 10000)
        for col in ("started_on", "completed_on", "production_on"):
            on = pd.to_datetime(p[col])
            p[col + "_y"] = (on.dt.year == d.dt.year) & (on <= d) & (p["total_investment"] >= 10000)
        p.groupby(["snapshot_month", "unit_id"])[["in_year", "above", "started_on_y", "completed_on_y",
                                                  "production_on_y"]].sum()
        land = read("land", year_months)
        land.groupby(["snapshot_month", "unit_id"])["area"].sum()
    if page in ("home", "snail_warnings", "map", "pipeline", "project_explorer"):
        p = read("projects", [MONTH])
        start = pd.to_datetime(p["contract_start_on"]) + pd.DateOffset(months=6)
        done = pd.to_datetime(p["contract_completion_on"]) + pd.DateOffset(months=6)
        p["snail"] = (p["started_on"].isna() & (start <= end)) | (p["completed_on"].isna() & (done <= end))
        stage = np.select([p[c].notna() for c in ("full_capacity_on", "above_scale_on", "production_on",
                                                   "completed_on", "started_on", "land_supplied_on",
                                                   "registered_on")],
                          ["达产", "达规", "投产", "竣工", "开工", "供地", "注册"], "签约")
        p["stage"] = stage
        p.groupby(["unit_id", "stage"]).size()
        p.groupby("unit_id")["snail"].sum()
    if page in ("home", "idle_land", "map"):
        land = read("land", [MONTH, PREVIOUS])
        cat = np.select([land["supplied_on"].isna(), land["started_on"].isna(),
                         land["developed_area"].notna() & (land["developed_area"] < land["area"]),
                         land["completed_on"].notna() & land["production_on"].isna(),
                         land["production_on"].notna() & land["above_scale_on"].isna()],
                        ["批而未供", "供而未用", "用而未尽", "建而未投", "投而未达规"], "")
        land["five_idle"] = cat
        land[land["five_idle"] != ""].groupby(["snapshot_month", "unit_id", "five_idle"])["area"].agg(
            ["count", "sum"])
    if page in ("home", "snail_warnings", "project_explorer"):
        n = read("nodes", [MONTH])
        overdue = n["done_on"].isna() & (pd.to_datetime(n["planned_on"]) < end)
        n[overdue].groupby("project_code").size()
    if page == "problems":
        problems = read("problems", [MONTH]).merge(read("projects", [MONTH])[["project_code", "unit_id"]],
                                                   on="project_code", how="left")
        late = (end - pd.to_datetime(problems["due_on"])).dt.days
        problems["state"] = np.select([problems["closed_on"].notna(), late > 30, late >= 1, late >= -7],
                                      ["已办结", "严重超期", "超期", "临期"], "办理中")
        for key in ("unit_id", "problem_type", "department"):
            problems.groupby([key, "state"]).size()
    if page == "inspection":  # the month's events joined to their verdicts, counted per unit and state
        p = read("projects", [MONTH])
        events = pd.concat([p.loc[pd.to_datetime(p[c]).dt.strftime("%Y-%m") == MONTH, ["project_code", "unit_id"]]
                            .assign(check_type=k) for k, c in (("开工", "started_on"), ("竣工", "completed_on"),
                                                               ("投产", "production_on"))])
        v = read("inspections", [MONTH])
        merged = events.merge(v, on=["project_code", "check_type"], how="left")
        merged.groupby(["unit_id", merged["verdict"].fillna("未核查")]).size()
    if page == "promotion":  # the year's trips per unit, and the signed projects' investment
        t = read("promotions", [m for m in year_months if m[:4] == str(YEAR)])
        t.groupby(["unit_id", "visited_on", "leader"]).size().groupby("unit_id").size()
        p = read("projects", [MONTH])
        t.merge(p[["project_code", "total_investment"]], left_on="signed_project_code", right_on="project_code",
                how="left").groupby("unit_id")["total_investment"].sum()
    if page == "project_explorer":
        history = read("projects", year_months)
        history[history["project_code"] == history["project_code"].iloc[0]]


# ---- the app process ------------------------------------------------------------------------------------

def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _run_page(reader: store.Reader, runs: list[tuple[str, dict]], post=None) -> None:
    frames = []
    for name, params in runs:
        cursor = reader.connection.cursor()
        try:
            frames.append(cursor.sql(queries.sql_text(name), params=params).pl())
        finally:
            cursor.close()
    if post is not None:
        post(frames)


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started its program (VmHWM). Not ru_maxrss: Linux carries
    that over exec from the forked parent, so after building a 1,500,000 store the child started at the builder's
    2.3 GB before it read anything."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def app_worker(root: Path, repeat: int, spawned: float) -> list[dict]:
    """Runs in a fresh process: times every page's queries; returns one record per page."""
    first_page = "home"
    with store.pinned(root) as reader:
        code = reader.connection.sql(f"select min(project_code) from projects where snapshot_month = '{MONTH}'"
                                     ).fetchall()[0][0]
        pages = page_queries(code)
        posts = _post_steps()
        first = {first_page: _timed(lambda: _run_page(reader, pages[first_page]))}
        start_s = time.time() - spawned
        naive_ok = reader.connection.sql(f"select count(*) from projects where snapshot_month = '{MONTH}'"
                                         ).fetchall()[0][0] <= NAIVE_MAX_PROJECTS
        for page, runs in pages.items():
            if page not in first:
                first[page] = _timed(lambda runs=runs, page=page: _run_page(reader, runs, posts.get(page)))
        warm = {page: sorted(_timed(lambda runs=runs, page=page: _run_page(reader, runs, posts.get(page)))
                             for _ in range(repeat))
                for page, runs in pages.items()}
        # the app's memory: measured before the naive way (pandas) runs in this same process
        peak = peak_rss_mb()
        floors = _floor_sql(str(root / "derived"))
        records = []
        for page, runs in pages.items():
            floor = statistics.median(_timed(lambda sql=floors[page]: reader.connection.sql(sql).fetchall())
                                      for _ in range(max(3, repeat // 2)))
            naive = (statistics.median(_timed(lambda page=page: _naive(root, page)) for _ in range(max(1, repeat // 4)))
                     if naive_ok and page in NAIVE_PAGES else None)
            times = warm[page]
            records.append({"page": page, "warm_ms": statistics.median(times),
                            "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
                            "first_ms": first[page], "naive_ms": naive, "floor_ms": floor,
                            "start_s": start_s, "queries": len(runs), "peak_rss_mb": peak})
    return records


def _app_process(root: Path, repeat: int) -> list[dict]:
    code = ("import json, sys; from pathlib import Path; from cockpit import bench; "
            "print(json.dumps(bench.app_worker(Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]))))")
    done = subprocess.run([sys.executable, "-c", code, str(root), str(repeat), repr(time.time())],
                          cwd=REPO_DIR, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(scales: list[int], repeat: int, work: Path | None = None) -> list[dict]:
    """Builds each scale's store and times it. With `work` given, the stores are kept there and a store already
    built at that scale (an earlier run's) is timed again as it is, without rebuilding (derive_s then None)."""
    from cockpit import sample

    keep = work is not None
    work = Path(work or tempfile.mkdtemp(prefix="cockpit-bench-"))
    base, base_projects = work / "base", min(BASE_PROJECTS, *scales)
    records = []
    for scale in scales:
        root = work / f"x{scale}"
        derive_s = None
        if not (keep and (root / store.CATALOG_FILE).exists()):
            if not (base / store.CATALOG_FILE).exists():
                started = time.perf_counter()
                sample.generate(base, seed=2020, projects=base_projects)
                print(f"示例数据生成：{base_projects} 个项目/月，{time.perf_counter() - started:.1f} 秒", flush=True)
            started = time.perf_counter()
            seconds = scaled_store(base, root, max(1, round(scale / base_projects)))
            derive_s = statistics.median(seconds)
            print(f"规模 {scale:,}：写入并派生 {len(seconds)} 个月 {time.perf_counter() - started:.0f} 秒，"
                  f"派生每月中位 {derive_s:.2f} 秒", flush=True)
        else:
            print(f"规模 {scale:,}：沿用已建数据 {root}", flush=True)
        for r in _app_process(root, repeat):
            r.update(projects=scale, derive_s=derive_s)
            records.append(r)
            print(f"  {r['page']:17s} warm {r['warm_ms']:8.1f} ms  p95 {r['p95_ms']:8.1f}  first "
                  f"{r['first_ms']:8.1f}  naive {_ms(r['naive_ms'])}  floor {r['floor_ms']:7.1f}", flush=True)
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    return records


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def report(records: list[dict]) -> str:
    lines = [("| projects/month | page | warm median ms | p95 ms | first ms | naive ms | ×faster than naive | "
              "floor ms | ÷floor | peak RSS MB | start→data s | derive s/month |"),
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in records:
        lines.append(f"| {r['projects']:,} | {r['page']} | {r['warm_ms']:.0f} | {r['p95_ms']:.0f} | "
                     f"{r['first_ms']:.0f} | {_ms(r['naive_ms'])} | "
                     f"{_ms(r['naive_ms'] and r['naive_ms'] / r['warm_ms'])} | "
                     f"{r['floor_ms']:.0f} | {r['warm_ms'] / max(r['floor_ms'], 0.1):.1f} | "
                     f"{r['peak_rss_mb']:.0f} | {r['start_s']:.1f} | "
                     f"{'—' if r['derive_s'] is None else format(r['derive_s'], '.2f')} |")
    return "\n".join(lines)


def cli(scales: list[int], repeat: int, json_path: Path | None = None, work: Path | None = None) -> int:
    records = run(scales, repeat, work)
    print(report(records))
    if json_path:
        keys = ("page", "projects", "warm_ms", "p95_ms", "first_ms", "naive_ms", "floor_ms", "peak_rss_mb",
                "start_s", "derive_s")
        Path(json_path).write_text(json.dumps([{k: r[k] for k in keys} for r in records], ensure_ascii=False,
                                              indent=1), encoding="utf-8")
    return 0

