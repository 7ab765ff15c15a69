"""Snapshots on disk, the DuckDB catalog, and the read connection the pages query. No Streamlit here.

Layout of the data folder (`COCKPIT_DATA_DIR`, default `data/`):
    snapshots/2020-03/projects.g00012.parquet   one immutable file per table, period and import
    snapshots/2020/targets.g00003.parquet       targets are kept per year
    catalog.duckdb                              table `snapshots` (what is current, history) + raw_* views
    catalog.generation                          the newest import's number; readers reload when it changes

An import writes new Parquet files under new names, then records them in the catalog in one
transaction. Nothing is overwritten, so a failed or killed import leaves every earlier file
byte-identical, and readers, which only follow the catalog, never see half a snapshot.
"""
from __future__ import annotations

import calendar
import datetime as dt
import fcntl
import json
import os
import signal
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb
import polars as pl

from cockpit import REPO_DIR, config, metrics, schema, units

CATALOG_FILE = "catalog.duckdb"
GENERATION_FILE = "catalog.generation"
BASE_VIEWS = ("projects", "land", "nodes", "indicators", "targets")
_DUCK_TYPES = {pl.String: "varchar", pl.Float64: "double", pl.Int32: "integer", pl.Date: "date",
               pl.Boolean: "boolean"}


@dataclass(frozen=True)
class SnapshotWrite:
    table: str  # a key of schema.TABLES
    period: str  # "YYYY-MM" for monthly tables, "YYYY" for targets
    frame: pl.DataFrame  # columns as schema.stored_schema(table)


@dataclass(frozen=True)
class SourceFile:
    name: str
    sha256: str


class StoreBusy(RuntimeError):
    """The catalog stayed locked by another process."""


def data_dir(override: str | Path | None = None) -> Path:
    return Path(override or os.environ.get("COCKPIT_DATA_DIR") or REPO_DIR / "data")


def month_end(month: str) -> dt.date:
    year, mon = (int(x) for x in month.split("-"))
    return dt.date(year, mon, calendar.monthrange(year, mon)[1])


def _fault(point: str) -> None:
    """Kill this process at a named point; lets tests prove that a killed import loses nothing."""
    if os.environ.get("COCKPIT_FAULT") == point:
        os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def _import_lock(root: Path):
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".import.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _open_catalog(root: Path, read_only: bool, timeout: float = 10.0) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return duckdb.connect(str(root / CATALOG_FILE), read_only=read_only)
        except duckdb.IOException as exc:  # another process holds the file lock for a moment
            if time.monotonic() > deadline:
                raise StoreBusy(f"数据目录正被其他进程写入，请稍后重试：{exc}") from exc
            time.sleep(0.05)


_CATALOG_DDL = """
create table if not exists snapshots (
    generation integer not null,
    table_name varchar not null,
    period varchar not null,
    path varchar not null,
    row_count integer not null,
    file_sha256 varchar not null,
    source_files varchar not null,
    imported_at timestamp not null,
    imported_by varchar
)
"""


def _with_snapshot_columns(write: SnapshotWrite) -> pl.DataFrame:
    table = schema.TABLES[write.table]
    frame = write.frame.select([pl.col(n).cast(t) for n, t in schema.stored_schema(table).items()])
    if table.period == "month":
        frame = frame.with_columns(
            pl.lit(write.period).alias("snapshot_month"),
            pl.lit(month_end(write.period)).alias("snapshot_date"),
        )
    return frame


def _write_parquet(frame: pl.DataFrame, path: Path) -> str:
    import hashlib

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    frame.write_parquet(tmp)
    with open(tmp, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return digest


def write_snapshot(writes: list[SnapshotWrite], sources: list[SourceFile], *,
                   root: Path | None = None, imported_by: str | None = None) -> int:
    """Record the given tables as the new current snapshot of their periods; returns the generation."""
    root = data_dir(root)
    written: list[Path] = []
    with _import_lock(root):
        generation = _current_generation(root) + 1
        rows = []
        try:
            for w in writes:
                rel = Path("snapshots") / w.period / f"{w.table}.g{generation:05d}.parquet"
                frame = _with_snapshot_columns(w)
                digest = _write_parquet(frame, root / rel)
                written.append(root / rel)
                rows.append((generation, w.table, w.period, str(rel), frame.height, digest,
                             json.dumps([s.__dict__ for s in sources], ensure_ascii=False),
                             dt.datetime.now().replace(microsecond=0), imported_by))
                _fault("after-parquet")
            _commit_catalog(root, rows)
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        _write_generation(root, generation)
    return generation


def _commit_catalog(root: Path, rows: list[tuple]) -> None:
    con = _open_catalog(root, read_only=False)
    try:
        con.execute("begin transaction")
        con.execute(_CATALOG_DDL)
        con.executemany("insert into snapshots values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        _create_raw_views(con, root)
        _fault("before-commit")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        con.close()


def _create_raw_views(con: duckdb.DuckDBPyConnection, root: Path) -> None:
    """Views in the catalog file itself, so analysts can open it with the duckdb CLI."""
    current = _current_rows(con)
    for name, table in schema.TABLES.items():
        paths = [str(root / p) for p in current.filter(pl.col("table_name") == name)["path"]]
        con.execute(f"create or replace view raw_{name} as {_source_select(table, paths)}")


def _write_generation(root: Path, generation: int) -> None:
    tmp = root / (GENERATION_FILE + ".tmp")
    tmp.write_text(str(generation))
    os.replace(tmp, root / GENERATION_FILE)


def _current_generation(root: Path) -> int:
    if not (root / CATALOG_FILE).exists():
        return 0
    con = _open_catalog(root, read_only=True)
    try:
        has = con.execute("select count(*) from information_schema.tables "
                          "where table_name = 'snapshots'").fetchall()[0][0]
        return con.execute("select coalesce(max(generation), 0) from snapshots").fetchall()[0][0] if has else 0
    finally:
        con.close()


def generation(root: Path | None = None) -> int:
    marker = data_dir(root) / GENERATION_FILE
    return int(marker.read_text()) if marker.exists() else 0


def _current_rows(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return con.sql("""
        select * from snapshots
        qualify generation = max(generation) over (partition by table_name, period)
        order by table_name, period
    """).pl()


def history(root: Path | None = None) -> pl.DataFrame:
    """Every import recorded, newest first, with a flag for the files that are current."""
    root = data_dir(root)
    if not (root / CATALOG_FILE).exists():
        return pl.DataFrame()
    con = _open_catalog(root, read_only=True)
    try:
        return con.sql("""
            select *, generation = max(generation) over (partition by table_name, period) as is_current
            from snapshots order by generation desc, table_name
        """).pl()
    finally:
        con.close()


def current_files(root: Path | None = None) -> pl.DataFrame:
    root = data_dir(root)
    if not (root / CATALOG_FILE).exists():
        return pl.DataFrame(schema={"table_name": pl.String, "period": pl.String, "path": pl.String,
                                    "row_count": pl.Int32, "generation": pl.Int32})
    con = _open_catalog(root, read_only=True)
    try:
        return _current_rows(con)
    finally:
        con.close()


def _source_select(table: schema.Table, paths: list[str]) -> str:
    """A select over the given Parquet files (paths come from our catalog, never from users)."""
    if not paths:
        return _empty_select(table)
    listed = ", ".join("'" + p.replace("'", "''") + "'" for p in paths)
    return f"select * from read_parquet([{listed}], union_by_name = true)"


def _empty_select(table: schema.Table) -> str:
    cols = [f"null::{_DUCK_TYPES[t]} as {n}" for n, t in schema.stored_schema(table).items()]
    if table.period == "month":
        cols += ["null::varchar as snapshot_month", "null::date as snapshot_date"]
    return "select " + ", ".join(cols) + " where false"


def _settings_frame() -> pl.DataFrame:
    """The config values the base views' definitions read (one row). Sections a test config leaves out take the
    defaults of config/cockpit.toml."""
    settings = config.settings()
    quality, progress = settings.get("quality", {}), settings.get("progress", {})
    return pl.DataFrame([{
        "usd_cny": float(settings["general"]["usd_cny"]),
        "foreign_only": bool(quality.get("foreign_only", True)),
        "industrial_land_uses": [str(u) for u in progress.get("industrial_land_uses", ["工业用地", "仓储用地"])],
        "milestones_above_100m_only": bool(progress.get("milestones_above_100m_only", False)),
    }], schema={"usd_cny": pl.Float64, "foreign_only": pl.Boolean, "industrial_land_uses": pl.List(pl.String),
                "milestones_above_100m_only": pl.Boolean})


def _reference_tables() -> dict[str, pl.DataFrame]:
    unit_rows = [(u.id, u.name, u.short, u.code, i + 1, u.is_zone) for i, u in enumerate(units.UNITS)]
    return {
        "units": pl.DataFrame(unit_rows, orient="row", schema=["unit_id", "unit_name", "unit_short",
                                                                "unit_code", "sort_order", "is_zone"]),
        "stages": pl.DataFrame({"stage": list(schema.STAGES),
                                "stage_order": list(range(1, len(schema.STAGES) + 1))}),
        "five_idle_categories": pl.DataFrame({"category": list(schema.FIVE_IDLE),
                                              "category_order": list(range(1, 6))}),
        "metrics": pl.DataFrame([{**m.__dict__, "definition": m.definition} for m in metrics.METRICS]).with_columns(
            display_factor=pl.Series([m.display_factor for m in metrics.METRICS])),
        "settings": _settings_frame(),
    }


def connect(root: Path | None = None, materialize: bool = True) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB holding the current snapshots, reference tables and base views.

    materialize=False leaves the raw_* relations as views over the Parquet files (the benchmark's baseline).
    """
    root = data_dir(root)
    current = current_files(root)
    con = duckdb.connect()
    for name, frame in _reference_tables().items():
        con.register("_frame", frame)
        con.execute(f"create table {name} as select * from _frame")
        con.unregister("_frame")
    for name, table in schema.TABLES.items():
        paths = [str(root / p) for p in current.filter(pl.col("table_name") == name)["path"]]
        kind = "table" if materialize else "view"
        con.execute(f"create {kind} raw_{name} as {_source_select(table, paths)}")
    for view in BASE_VIEWS:
        sql = (REPO_DIR / "queries" / f"base__{view}.sql").read_text(encoding="utf-8")
        con.execute(f"create view {view} as {sql}")
    return con


@lru_cache(maxsize=4)
def _cached_connection(root: str, gen: int) -> duckdb.DuckDBPyConnection:
    return connect(Path(root))


def connection(root: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The shared read connection, rebuilt when an import has landed. Use `.cursor()` per query."""
    root = data_dir(root)
    return _cached_connection(str(root.resolve()), generation(root))


def months(root: Path | None = None) -> list[str]:
    """Months that have a current snapshot of any monthly table, oldest first."""
    current = current_files(root)
    return sorted({p for p in current["period"].to_list() if len(p) == 7})
