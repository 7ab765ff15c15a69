"""Facts derived once, at import, from each month's snapshot: written as Parquet beside it and recorded in the
catalog in the same commit as the snapshot (cockpit/store.py), so the pages only read them.

    project_facts   per project and month: stage, size and leader tier, 蜗牛 and how late  (int__project_facts.sql)
    parcel_facts    per parcel and month: “五未” category, since when, area counted       (int__parcel_facts.sql)
    node_facts      per 推进节点 and month: overdue, slip                                 (int__node_facts.sql)
    metric_actuals  per unit, month and computed metric: the actual the targets compare  (int__metric_actuals.sql)
    problem_facts   per 项目问题 and month: state (临期/超期/严重超期 …), days overdue     (int__problem_facts.sql)
    inspection_facts     per project × 核查类型 with its date in the month, and its verdict (int__inspection_facts.sql)
    inspection_standing  不属实 verdicts standing at the month, over every month's 核查结果 (int__inspection_standing.sql)
    promotion_facts      per 招商活动 row, with the signed project's 总投资                (int__promotion_facts.sql)
    project_changes      per project whose 蜗牛 status or stage changed against the previous project snapshot
                         (蜗牛 新增/销号, stage moves; int__project_changes.sql)
    shared_names    per project whose normalised name (cockpit/names.py) is also in another unit's 项目库 that
                    month: what 统筹's duplicate check pairs (int__shared_names.sql, then names.shared_across_units)
    consistency_findings per 一张网 finding and month: where 项目库, 土地, 推进节点 and 月度指标 disagree
                         (check 6 with its gap, the tolerance applied when read; int__consistency_findings.sql)

Each derived file records the hash of what it was derived with (config/cockpit.toml and the SQL files): when
either changes, `python -m cockpit derive` re-derives, and the app does so by itself on its next start.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from cockpit import REPO_DIR, config, names, schema, store


@dataclass(frozen=True)
class Derived:
    name: str  # catalog table_name, folder and file stem
    inputs: tuple[str, ...]  # what one month of it is derived from: source tables, or earlier derived tables
    view: str  # the view the page queries read
    sql: str  # queries/<sql>.sql, a select over its inputs (raw_<source>, or the inputs' views)
    order: str | None  # rows sorted by this key, so a lookup by it skips most row groups (None: as read)
    params: str | None = None  # a config section whose values the SQL takes as $parameters (with $month)
    # source tables read over every month up to this one (view raw_<name>, with snapshot_month): a new snapshot
    # of one of them re-derives this month and every later one (issue 18: a 不属实 verdict stands until 属实)
    history: tuple[str, ...] = ()
    # derived inputs also read at the previous snapshot month (the newest earlier month with a file of one of
    # them) as the view previous_<view>, beside previous_snapshot (that month and its date; no row for the first
    # month, and previous_<view> empty of the right shape). Each must be among `inputs`. A month is derived when
    # it or its previous month has a file; a new file of month M re-derives M and every month whose previous is M.
    previous: tuple[str, ...] = ()
    # a Python step over the SQL's rows, for what SQL cannot do (Unicode NFKC of names): a function of a polars
    # frame returning the rows written; its module's source is part of the derivation hash
    transform: Callable[[pl.DataFrame], pl.DataFrame] | None = None

    def __post_init__(self) -> None:
        wrong = [name for name in self.previous if name not in self.inputs or name in schema.TABLES]
        if wrong:
            raise ValueError(f"{self.name}: previous {wrong} must be derived inputs named in inputs")

    def parameters(self, period: str) -> dict:
        """The SQL's parameters for one month; each setting is also stored as a column param_<name>."""
        if self.params is None:
            return {}
        return {"month": period, **config.section(self.params)}


timings: list[float] = []  # seconds per commit's derivation, read by the benchmark

DERIVED = (
    Derived("project_facts", ("projects",), "projects", "int__project_facts", "project_code"),
    Derived("parcel_facts", ("land",), "land", "int__parcel_facts", "parcel_id"),
    # not sorted: 14.6 million nodes a month at 1,500,000 projects, whose sort took 3.9 of the month's 10 s of
    # derivation; one project's nodes (项目查询) are then read in 40 ms instead of 8
    Derived("node_facts", ("nodes",), "nodes", "int__node_facts", None),
    # issue 18 (inspection): verdicts joined to the month's events; refutations standing at the month; trips
    Derived("inspection_facts", ("project_facts", "inspections"), "inspection_facts", "int__inspection_facts",
            "unit_id, project_code"),
    Derived("inspection_standing", ("project_facts",), "inspection_standing", "int__inspection_standing",
            "unit_id, project_code", history=("inspections",)),
    Derived("promotion_facts", ("promotions", "project_facts"), "promotion_facts", "int__promotion_facts",
            "unit_id, visited_on"),
    Derived("metric_actuals", ("project_facts", "parcel_facts", "inspection_standing"), "metric_actuals",
            "int__metric_actuals", "source_table, source_name, unit_id"),
    Derived("problem_facts", ("problems", "project_facts"), "problems", "int__problem_facts",
            "project_code, problem_id"),
    Derived("project_warnings", ("project_facts", "node_facts", "problem_facts"), "project_warnings",
            "int__project_warnings", "project_code", params="warnings"),
    # issue 19 §6: month-over-month facts (蜗牛 新增/销号, stage moves) against the previous project snapshot
    Derived("project_changes", ("project_facts",), "project_changes", "int__project_changes", "unit_id, project_code",
            previous=("project_facts",)),
    # issue 19 §6: 统筹's duplicate check reads the month's projects whose normalised name is in two units or more
    Derived("shared_names", ("projects",), "shared_names", "int__shared_names", "name_key, project_code",
            transform=names.shared_across_units),
    # issue 19 §6: 一张网 findings derived at import
    Derived("consistency_findings", ("projects", "land", "nodes", "indicators"), "consistency_findings",
            "int__consistency_findings", "check_order, unit_id, record_key"),
)
_BY_NAME = {spec.name: spec for spec in DERIVED}


def sql_text(spec: Derived) -> str:
    return (REPO_DIR / "queries" / f"{spec.sql}.sql").read_text(encoding="utf-8")


def derivation_hash() -> str:
    """What the derived facts depend on besides the data: the configuration and the derivation SQL."""
    digest = hashlib.sha256(config.config_path().read_bytes())
    for spec in DERIVED:
        digest.update(sql_text(spec).encode("utf-8"))
        if spec.transform is not None:
            digest.update(inspect.getsource(inspect.getmodule(spec.transform)).encode("utf-8"))
    return digest.hexdigest()[:16]


def select(spec: Derived) -> str:
    """The derivation's select; settings passed as parameters are kept beside the rows (param_<name>)."""
    kept = "".join(f", ${name} as param_{name}" for name in spec.parameters("") if name != "month")
    return f"select *{kept} from ({sql_text(spec)})"


def input_views(con, root: Path | None, spec: Derived, paths: dict[str, str | None]) -> None:
    """Creates the views `spec`'s SQL reads: raw_<source> over a source file, or a derived input's view over
    its file; an input the month lacks is an empty relation of the right shape."""
    for name in spec.inputs:
        path = paths.get(name)
        if name in schema.TABLES:
            select = (f"select * from read_parquet({store.parquet_list([str(root / path)])})" if path
                      else store.empty_select(schema.TABLES[name]))
            con.execute(f"create or replace view raw_{name} as {select}")
        else:
            upstream = _BY_NAME[name]
            if path:
                con.execute(f"create or replace view {upstream.view} as select * from read_parquet("
                            f"{store.parquet_list([str(root / path)])})")
            else:
                input_views(con, root, upstream, {})
                history_views(con, root, upstream, {})
                con.execute(f"create or replace view {upstream.view} as {sql_text(upstream)}")


def history_views(con, root: Path | None, spec: Derived, history: dict[str, list[str]]) -> None:
    """raw_<name> over every month's file of a history input up to the month derived (or empty)."""
    for name in spec.history:
        paths = history.get(name) or []
        select = (f"select * from read_parquet({store.parquet_list([str(root / p) for p in paths])}, "
                  f"union_by_name = true)" if paths else store.empty_select(schema.TABLES[name]))
        con.execute(f"create or replace view raw_{name} as {select}")


def previous_views(con, root: Path | None, spec: Derived, paths: dict[str, str | None],
                   period: str | None) -> None:
    """previous_<view> over each previous input's file of the previous snapshot month `period` (empty, of the
    shape of the input's view, when it has none), and previous_snapshot: that month and its date (no row without).
    The inputs' views must exist (input_views first)."""
    for name in spec.previous:
        view = _BY_NAME[name].view
        path = paths.get(name)
        select = (f"select * from read_parquet({store.parquet_list([str(root / path)])})" if path
                  else f"select * from {view} where false")
        con.execute(f"create or replace view previous_{view} as {select}")
    if period is None:
        row = "select null::varchar as snapshot_month, null::date as snapshot_date where false"
    else:  # a catalog period (YYYY-MM), never user text
        row = f"select '{period}'::varchar as snapshot_month, date '{store.month_end(period).isoformat()}' as snapshot_date"
    con.execute(f"create or replace view previous_snapshot as {row}")


def _derive_file(root: Path, spec: Derived, period: str, paths: dict[str, str | None], generation: int,
                 stamp: str, history: dict[str, list[str]] | None = None,
                 previous: tuple[str | None, dict[str, str | None]] = (None, {})) -> tuple[tuple, Path]:
    rel = Path("derived") / spec.name / f"snapshot_month={period}" / f"{spec.name}.g{generation:05d}.parquet"
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    con = store.memory_connection()
    try:
        input_views(con, root, spec, paths)
        history_views(con, root, spec, history or {})
        if spec.previous:
            previous_views(con, root, spec, previous[1], previous[0])
        count = _write_rows(con, spec, period, tmp)
    finally:
        con.close()
    store.fsync_replace(tmp, path)
    row = (generation, spec.name, period, str(rel), count, stamp, dt.datetime.now().replace(microsecond=0))
    return row, path


def _write_rows(con, spec: Derived, period: str, tmp: Path) -> int:
    """Writes the month's derived rows, sorted by spec.order (if any), to `tmp`; returns how many."""
    if spec.transform is None:
        order = f" order by {spec.order}" if spec.order else ""
        return con.execute(f"copy ({select(spec)}{order}) "
                           f"to {store.parquet_list([str(tmp)])[1:-1]} (format parquet)",
                           spec.parameters(period) or None).fetchall()[0][0]
    rows = spec.transform(con.sql(select(spec), params=spec.parameters(period) or None).pl())
    if spec.order:
        rows = rows.sort([key.strip() for key in spec.order.split(",")])
    rows.write_parquet(tmp)
    return rows.height


def empty_rows(con, spec: Derived) -> pl.DataFrame:
    """The shape of a transformed derivation with no rows (over the connection's input views)."""
    return spec.transform(con.sql(f"select * from ({select(spec)}) where false",
                                  params=spec.parameters("0000-00") or None).pl())


def derive_for_commit(root: Path, generation: int, new_sources: dict[tuple[str, str], str],
                      written: list[Path], force: bool = False, up_to: int | None = None,
                      dry_run: bool = False) -> list[tuple]:
    """Writes the derived files this commit needs: those fed by a new source or a re-derived input, missing,
    or derived with another configuration or SQL (all with force); returns their catalog rows. Paths go to
    `written` as they land, so the caller can delete them if the commit fails. dry_run: only says which."""
    stamp = derivation_hash()
    files = {(r["table_name"], r["period"]): r["path"]
             for r in store.current_files(root, up_to).iter_rows(named=True)}
    files.update(new_sources)
    derived = {(r["table_name"], r["period"]): (r["path"], r["derivation_hash"])
               for r in store.current_derived(root, up_to).iter_rows(named=True)}
    renewed = set(new_sources)
    periods = sorted({period for _table, period in files if len(period) == 7})
    rows = []
    started = time.perf_counter()
    for spec in DERIVED:
        for period in periods:
            paths = {name: files.get((name, period)) or derived.get((name, period), (None,))[0]
                     for name in spec.inputs}
            before = previous_period(spec, period, periods, files, derived)
            previous = {name: files.get((name, before)) or derived.get((name, before), (None,))[0]
                        for name in spec.previous} if before else {}
            if not any(paths.values()) and not any(previous.values()):
                continue
            recorded = derived.get((spec.name, period))
            history = {name: [files[(name, p)] for p in periods if p <= period and (name, p) in files]
                       for name in spec.history}
            if not (force or recorded is None or recorded[1] != stamp
                    or any((name, period) in renewed for name in spec.inputs)
                    or any((name, before) in renewed for name in spec.previous)
                    or any((name, p) in renewed for name in spec.history for p in periods if p <= period)):
                continue
            renewed.add((spec.name, period))
            if dry_run:
                rows.append((spec.name, period))
                continue
            row, path = _derive_file(root, spec, period, paths, generation, stamp, history, (before, previous))
            written.append(path)
            rows.append(row)
            files[(spec.name, period)] = row[3]
    timings.append(time.perf_counter() - started)
    return rows


def previous_period(spec: Derived, period: str, periods: list[str], files: dict, derived: dict) -> str | None:
    """The newest month before `period` with a file of one of spec's previous inputs (None: none, or no such inputs)."""
    return next((p for p in reversed(periods) if p < period
                 and any((name, p) in files or (name, p) in derived for name in spec.previous)), None)


def stale(root: Path, generation: int) -> bool:
    """Whether the facts current at `generation` were derived with another configuration or SQL, or lack some."""
    return generation > 0 and bool(derive_for_commit(root, generation, {}, [], up_to=generation, dry_run=True))


def rederive(root: Path | None = None, force: bool = False) -> int:
    """Re-derives what is stale (everything with force) as a new generation; returns the current generation."""
    root = store.data_dir(root)
    with store.import_lock(root):
        store.sweep_orphans(root)
        generation = store.current_generation(root)
        if generation == 0:
            return 0
        written: list[Path] = []
        try:
            rows = derive_for_commit(root, generation + 1, {}, written, force)
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        if not rows:
            return generation
        store.commit_derived(root, rows, written)
        return generation + 1


def cli(data_dir: Path | None, force: bool) -> int:
    started = time.perf_counter()
    before = store.generation(data_dir)
    after = rederive(data_dir, force=force)
    seconds = time.perf_counter() - started
    if after == before:
        print(f"派生数据已是最新（批次 {after}，配置与口径未变），未重新计算。")
    else:
        months = store.current_derived(data_dir).filter(pl.col("generation") == after)["period"].n_unique()
        print(f"已重新派生 {months} 个月的数据（批次 {after}），用时 {seconds:.1f} 秒。")
    return 0
