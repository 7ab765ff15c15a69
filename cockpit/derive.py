"""Facts derived once, at import, from each month's snapshot: written as Parquet beside it and recorded in the
catalog in the same commit as the snapshot (cockpit/store.py), so the pages only read them.

    project_facts  per project and month: stage, size and leader tier, 蜗牛 and how late   (base__projects.sql)
    parcel_facts   per parcel and month: “五未” category, since when, area counted        (base__land.sql)
    node_facts     per 推进节点 and month: overdue, slip                                  (base__nodes.sql)

Each derived file records the hash of what it was derived with (config/cockpit.toml and the SQL files): when
either changes, `python -m cockpit derive` re-derives, and the app does so by itself on its next start.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from cockpit import REPO_DIR, config, store


@dataclass(frozen=True)
class Derived:
    name: str  # catalog table_name, folder and file stem
    source: str  # the source table it is derived from (one month of it)
    view: str  # the view the page queries read
    sql: str  # queries/<sql>.sql, a select over raw_<source> (and the reference tables)
    order: str  # rows sorted by this key, so a lookup by it skips most row groups


timings: list[float] = []  # seconds per commit's derivation, read by the benchmark

DERIVED = (
    Derived("project_facts", "projects", "projects", "base__projects", "project_code"),
    Derived("parcel_facts", "land", "land", "base__land", "parcel_id"),
    Derived("node_facts", "nodes", "nodes", "base__nodes", "project_code, node"),
)


def sql_text(spec: Derived) -> str:
    return (REPO_DIR / "queries" / f"{spec.sql}.sql").read_text(encoding="utf-8")


def derivation_hash() -> str:
    """What the derived facts depend on besides the data: the configuration and the derivation SQL."""
    digest = hashlib.sha256(config.config_path().read_bytes())
    for spec in DERIVED:
        digest.update(sql_text(spec).encode("utf-8"))
    return digest.hexdigest()[:16]


def _derive_file(root: Path, spec: Derived, period: str, source: str, generation: int,
                 stamp: str) -> tuple[tuple, Path]:
    rel = Path("derived") / spec.name / f"snapshot_month={period}" / f"{spec.name}.g{generation:05d}.parquet"
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    con = store.memory_connection()
    try:
        con.execute(f"create view raw_{spec.source} as select * from read_parquet("
                    f"{store.parquet_list([str(root / source)])})")
        count = con.execute(f"copy (select * from ({sql_text(spec)}) order by {spec.order}) "
                            f"to {store.parquet_list([str(tmp)])[1:-1]} (format parquet)").fetchall()[0][0]
    finally:
        con.close()
    store.fsync_replace(tmp, path)
    row = (generation, spec.name, period, str(rel), count, stamp, dt.datetime.now().replace(microsecond=0))
    return row, path


def _plan(root: Path, new_sources: dict[tuple[str, str], str], force: bool,
          up_to: int | None = None) -> list[tuple[Derived, str, str]]:
    """(spec, period, source path) for every derived file that is missing, stale or fed by a new source."""
    current = {(r["table_name"], r["period"]): r["path"]
               for r in store.current_files(root, up_to).iter_rows(named=True)}
    current.update(new_sources)
    derived = {(r["table_name"], r["period"]): r.get("derivation_hash")
               for r in store.current_derived(root, up_to).iter_rows(named=True)}
    stamp = derivation_hash()
    plan = []
    for spec in DERIVED:
        for (table, period), path in sorted(current.items()):
            if table != spec.source:
                continue
            if force or (table, period) in new_sources or derived.get((spec.name, period)) != stamp:
                plan.append((spec, period, path))
    return plan


def derive_for_commit(root: Path, generation: int, new_sources: dict[tuple[str, str], str],
                      written: list[Path], force: bool = False) -> list[tuple]:
    """Writes the derived files this commit needs; returns their catalog rows. Paths go to `written` as they
    land, so the caller can delete them if the commit fails."""
    stamp = derivation_hash()
    rows = []
    started = time.perf_counter()
    for spec, period, source in _plan(root, new_sources, force):
        row, path = _derive_file(root, spec, period, source, generation, stamp)
        written.append(path)
        rows.append(row)
    timings.append(time.perf_counter() - started)
    return rows


def stale(root: Path, generation: int) -> bool:
    """Whether the facts current at `generation` were derived with another configuration or SQL, or lack some."""
    return generation > 0 and bool(_plan(root, {}, force=False, up_to=generation))


def rederive(root: Path | None = None, force: bool = False) -> int:
    """Re-derives what is stale (everything with force) as a new generation; returns the current generation."""
    root = store.data_dir(root)
    with store._import_lock(root):
        store.sweep_orphans(root)
        generation = store._current_generation(root)
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
