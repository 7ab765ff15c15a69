"""Snapshots on disk, the DuckDB catalog, and the read connections the pages query. No Streamlit here.

Layout of the data folder (`COCKPIT_DATA_DIR`, default `data/`):
    snapshots/2020-03/projects.g00012.parquet   one immutable file per source table, period and import
    snapshots/2020/targets.g00003.parquet       targets are kept per year
    derived/project_facts/snapshot_month=2020-03/project_facts.g00012.parquet
                                                facts derived once at import (cockpit/derive.py)
    catalog.duckdb                              tables `snapshots` and `derived` (what is current, history)
                                                and raw_* views for analysts
    catalog.generation                          a hint for tools: the newest generation (readers ignore it)

An import writes new Parquet files under new names (sources, then what is derived from them), then records
them all in the catalog in one transaction. Nothing is overwritten, so a failed or killed import leaves every
earlier file byte-identical, and readers, which only follow the catalog, never see half a snapshot. Readers
learn the current generation from the committed catalog itself, so a crash between the commit and the marker
cannot leave them behind. Files a killed import left (never recorded) are swept by the next import.

Reading: one `Reader` per generation (an in-memory DuckDB holding only views over that generation's Parquet
files), shared by every script run that pinned it; `pinned()` holds it for one run so that every query of the
run reads the same generation, even when an import lands meanwhile.
"""
from __future__ import annotations

import calendar
import contextvars
import datetime as dt
import fcntl
import json
import os
import re
import signal
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from cockpit import REPO_DIR, config, metrics, schema, units

CATALOG_FILE = "catalog.duckdb"
GENERATION_FILE = "catalog.generation"
SMALL_TABLES = ("indicators", "targets")  # per unit, not per project: held in memory by each reader
# derived per unit and month whatever the number of projects (≈ 220 rows a month): held in memory too, so a page
# does not open one small file per month on every run (progress__by_metric opened 2 × 24 of them: ~30 of its 85 ms)
SMALL_DERIVED = ("metric_actuals",)
STAGING_VIEWS = {"indicators": "stg__indicators", "targets": "stg__targets", "all_units": "stg__all_units"}
_DUCK_TYPES = {pl.String: "varchar", pl.Float64: "double", pl.Int32: "integer", pl.Date: "date",
               pl.Boolean: "boolean"}
_FILE_NAME = re.compile(r"^[a-z_]+\.g\d{5}\.parquet$")


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


_process_import_lock = threading.Lock()  # flock is per open file: threads of one process need their own lock


@contextmanager
def import_lock(root: Path):
    """Held while a generation is written (an import, a re-derivation): one writer at a time, across processes."""
    root.mkdir(parents=True, exist_ok=True)
    with _process_import_lock, open(root / ".import.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _open_catalog(root: Path, read_only: bool, timeout: float = 30.0) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return duckdb.connect(str(root / CATALOG_FILE), read_only=read_only)
        # another process holds the file lock for a moment; or, in this process, a connection with the
        # other read_only setting is open (DuckDB refuses two configurations of one file)
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if time.monotonic() > deadline:
                raise StoreBusy(f"数据目录正被其他进程写入，请稍后重试：{exc}") from exc
            time.sleep(0.02)


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
);
create table if not exists derived (
    generation integer not null,
    table_name varchar not null,
    period varchar not null,
    path varchar not null,
    row_count bigint not null,
    derivation_hash varchar not null,
    derived_at timestamp not null
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


def fsync_replace(tmp: Path, path: Path) -> None:
    """Makes a finished temporary file durable, then gives it its final name in one step."""
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _write_parquet(frame: pl.DataFrame, path: Path) -> str:
    import hashlib

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    frame.write_parquet(tmp)
    with open(tmp, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    fsync_replace(tmp, path)
    return digest


def write_snapshot(writes: list[SnapshotWrite], sources: list[SourceFile], *,
                   root: Path | None = None, imported_by: str | None = None) -> int:
    """Record the given tables as the new current snapshot of their periods, with the facts derived from
    them, in one catalog commit; returns the generation."""
    from cockpit import derive

    root = data_dir(root)
    written: list[Path] = []
    with import_lock(root):
        sweep_orphans(root)
        generation = current_generation(root) + 1
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
            new_sources = {(w.table, w.period): str(Path("snapshots") / w.period /
                                                    f"{w.table}.g{generation:05d}.parquet") for w in writes}
            derived_rows = derive.derive_for_commit(root, generation, new_sources, written)
            _fault("after-derive")
            _commit_catalog(root, rows, derived_rows)
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        _fault("after-commit")
        _write_generation(root, generation)
    return generation


def commit_derived(root: Path, rows: list[tuple], written: list[Path]) -> None:
    """Records re-derived facts alone (no new source files) as a new generation; caller holds the lock."""
    try:
        _commit_catalog(root, [], rows)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    if rows:
        _write_generation(root, rows[0][0])


def _commit_catalog(root: Path, rows: list[tuple], derived_rows: list[tuple]) -> None:
    con = _open_catalog(root, read_only=False)
    try:
        con.execute("begin transaction")
        con.execute(_CATALOG_DDL)
        if rows:
            con.executemany("insert into snapshots values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        if derived_rows:
            con.executemany("insert into derived values (?, ?, ?, ?, ?, ?, ?)", derived_rows)
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
    # A temporary name of this writer's own: a reader repairing the hint while an import writes it must not move
    # the import's file away under it (FileNotFoundError in the import, test_concurrency).
    tmp = root / f"{GENERATION_FILE}.{os.getpid()}.{threading.get_ident()}.tmp"
    tmp.write_text(str(generation))
    os.replace(tmp, root / GENERATION_FILE)


def sweep_orphans(root: Path) -> list[Path]:
    """Deletes what killed imports left behind: *.tmp files and Parquet files no catalog row names.

    Runs under the import lock, so no import is writing; readers only open files the catalog names."""
    known = set()
    if (root / CATALOG_FILE).exists():
        con = _open_catalog(root, read_only=True)
        try:
            if _has_table(con, "snapshots"):
                known |= {r[0] for r in con.execute("select path from snapshots").fetchall()}
            if _has_table(con, "derived"):
                known |= {r[0] for r in con.execute("select path from derived").fetchall()}
        finally:
            con.close()
    swept = []
    for area in ("snapshots", "derived"):
        for path in (root / area).rglob("*") if (root / area).exists() else []:
            if not path.is_file():
                continue
            rel = str(path.relative_to(root))
            if path.suffix == ".tmp" or (_FILE_NAME.match(path.name) and rel not in known):
                path.unlink(missing_ok=True)
                swept.append(path)
    return swept


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return con.execute("select count(*) from information_schema.tables where table_name = ?",
                       [name]).fetchall()[0][0] > 0


_GENERATION_SQL = """
    select greatest(
        (select coalesce(max(generation), 0) from snapshots),
        (select coalesce(max(generation), 0) from derived))
"""


def current_generation(root: Path) -> int:
    """The newest committed generation, read from the catalog (the only truth)."""
    if not (root / CATALOG_FILE).exists():
        return 0
    con = _open_catalog(root, read_only=True)
    try:
        if not _has_table(con, "snapshots"):
            return 0
        if not _has_table(con, "derived"):  # a catalog written before facts were derived at import
            return con.execute("select coalesce(max(generation), 0) from snapshots").fetchall()[0][0]
        return con.execute(_GENERATION_SQL).fetchall()[0][0]
    finally:
        con.close()


_generation_seen: dict[str, tuple[tuple, int]] = {}


def _catalog_stamp(root: Path) -> tuple | None:
    """What changes whenever a commit lands: the catalog file and its write-ahead log."""
    stamp = []
    for name in (CATALOG_FILE, CATALOG_FILE + ".wal"):
        try:
            st = os.stat(root / name)
        except FileNotFoundError:
            stamp.append(None)
            continue
        stamp.append((st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(stamp) if stamp[0] is not None else None


def generation(root: Path | None = None) -> int:
    """The newest committed generation. Read from the catalog itself; remembered while the catalog's files
    are unchanged (a stamp younger than a second is not trusted: a commit in the same clock tick could hide)."""
    root = data_dir(root)
    stamp = _catalog_stamp(root)
    if stamp is None:
        return 0
    seen = _generation_seen.get(str(root))
    if seen and seen[0] == stamp:
        return seen[1]
    gen = current_generation(root)
    newest = max(s[2] for s in stamp if s)
    if time.time_ns() - newest > 1_000_000_000:
        _generation_seen[str(root)] = (stamp, gen)
    _repair_marker(root, gen)
    return gen


def _repair_marker(root: Path, gen: int) -> None:
    """Brings the hint file in line with the catalog (a crash between commit and marker leaves it behind)."""
    marker = root / GENERATION_FILE
    try:
        if not marker.exists() or marker.read_text().strip() != str(gen):
            _write_generation(root, gen)
    except OSError:  # a read-only data folder: the marker is only a hint
        pass


def _current_rows(con: duckdb.DuckDBPyConnection, table: str = "snapshots",
                  up_to: int | None = None) -> pl.DataFrame:
    limit = "" if up_to is None else f"where generation <= {int(up_to)}"
    return con.sql(f"""
        select * from {table} {limit}
        qualify generation = max(generation) over (partition by table_name, period)
        order by table_name, period
    """).pl()


def history(root: Path | None = None) -> pl.DataFrame:
    """Every import recorded, newest first, with a flag for the files that are current; inside a pinned run,
    as of the pinned generation (so the page's "which snapshot" agrees with its figures)."""
    root = data_dir(root)
    if not (root / CATALOG_FILE).exists():
        return pl.DataFrame()
    reader = active_reader(root)
    up_to = reader.generation if reader is not None else None
    con = _open_catalog(root, read_only=True)
    try:
        return con.sql("""
            select *, generation = max(generation) over (partition by table_name, period) as is_current
            from snapshots where $up_to::integer is null or generation <= $up_to::integer
            order by generation desc, table_name
        """, params={"up_to": up_to}).pl()
    finally:
        con.close()


_EMPTY_FILES = {"table_name": pl.String, "period": pl.String, "path": pl.String, "row_count": pl.Int32,
                "generation": pl.Int32}


def current_files(root: Path | None = None, up_to: int | None = None) -> pl.DataFrame:
    """Current source files per table and period (as of generation `up_to`, default the newest)."""
    return catalog_rows(root, "snapshots", up_to)


def current_derived(root: Path | None = None, up_to: int | None = None) -> pl.DataFrame:
    """Current derived files per derived table and period (as of generation `up_to`)."""
    return catalog_rows(root, "derived", up_to)


def catalog_rows(root: Path | None, table: str, up_to: int | None = None) -> pl.DataFrame:
    root = data_dir(root)
    if not (root / CATALOG_FILE).exists():
        return pl.DataFrame(schema=_EMPTY_FILES)
    con = _open_catalog(root, read_only=True)
    try:
        if not _has_table(con, table):
            return pl.DataFrame(schema=_EMPTY_FILES)
        return _current_rows(con, table, up_to)
    finally:
        con.close()


def _source_select(table: schema.Table, paths: list[str]) -> str:
    """A select over the given Parquet files (paths come from our catalog, never from users)."""
    if not paths:
        return empty_select(table)
    return f"select * from read_parquet({parquet_list(paths)}, union_by_name = true)"


def parquet_list(paths: list[str]) -> str:
    return "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"


def empty_select(table: schema.Table) -> str:
    cols = [f"null::{_DUCK_TYPES[t]} as {n}" for n, t in schema.stored_schema(table).items()]
    if table.period == "month":
        cols += ["null::varchar as snapshot_month", "null::date as snapshot_date"]
    return "select " + ", ".join(cols) + " where false"


def _settings_frame() -> pl.DataFrame:
    """The config values the base views' definitions read (one row). Sections a test config leaves out take the
    defaults of config/cockpit.toml."""
    settings = config.settings()
    quality, progress = settings.get("quality", {}), settings.get("progress", {})
    problems = settings.get("problems", {})  # 问题清单 states (queries/int__problem_facts.sql)
    return pl.DataFrame([{
        "usd_cny": float(settings["general"]["usd_cny"]),
        "foreign_only": bool(quality.get("foreign_only", True)),
        "industrial_land_uses": [str(u) for u in progress.get("industrial_land_uses", ["工业用地", "仓储用地"])],
        "milestones_above_100m_only": bool(progress.get("milestones_above_100m_only", False)),
        "problem_due_soon_days": int(problems.get("due_soon_days", 7)),
        "problem_escalate_days": int(problems.get("escalate_days", 30)),
        "exclude_refuted": bool(settings.get("inspection", {}).get("exclude_refuted", True)),  # issue 18
    }], schema={"usd_cny": pl.Float64, "foreign_only": pl.Boolean, "industrial_land_uses": pl.List(pl.String),
                "milestones_above_100m_only": pl.Boolean,
                "problem_due_soon_days": pl.Int64, "problem_escalate_days": pl.Int64, "exclude_refuted": pl.Boolean})


def reference_tables() -> dict[str, pl.DataFrame]:
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
        "problem_types": pl.DataFrame({"problem_type": list(schema.PROBLEM_TYPES),
                                       "type_order": list(range(1, len(schema.PROBLEM_TYPES) + 1))}),
    }


def memory_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the reference tables (units, stages, metrics, settings)."""
    # a bounded memory per connection; larger sorts (a big month's derivation) spill to the system temp folder
    con = duckdb.connect(config={"memory_limit": os.environ.get("COCKPIT_MEMORY_LIMIT", "1GB"),
                                 "temp_directory": str(Path(tempfile.gettempdir()) / "cockpit-duckdb")})
    for name, frame in reference_tables().items():
        con.register("_frame", frame)
        con.execute(f"create table {name} as select * from _frame")
        con.unregister("_frame")
    return con


def connect(root: Path | None = None, up_to: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose views read generation `up_to` (default: the newest) from Parquet.

    `projects`, `land`, `nodes` read what was derived at import (one file per month; a filter on snapshot_month
    opens only that month's file); `indicators`, `targets` and the derived `metric_actuals`, a few hundred rows a
    month, are loaded into memory (the first two given their staging views). Nothing else is copied into memory."""
    from cockpit import derive

    root = data_dir(root)
    current = current_files(root, up_to)
    facts = current_derived(root, up_to)
    con = memory_connection()
    for name, table in schema.TABLES.items():
        paths = [str(root / p) for p in current.filter(pl.col("table_name") == name)["path"]]
        kind = "table" if name in SMALL_TABLES else "view"
        con.execute(f"create {kind} raw_{name} as {_source_select(table, paths)}")
    periods = current.filter(pl.col("period").str.len_chars() == 7).select(
        "table_name", snapshot_month="period",
        snapshot_date=pl.col("period").map_elements(month_end, return_dtype=pl.Date),
        row_count=pl.col("row_count").cast(pl.Int64))
    con.register("_frame", periods)  # which months each table has, and its rows: asked instead of scanning files
    con.execute("create table snapshot_periods as select * from _frame")
    con.unregister("_frame")
    for spec in derive.DERIVED:
        files = facts.filter(pl.col("table_name") == spec.name)
        paths = [str(root / p) for p in files["path"]]
        if paths:
            # union_by_name reads every month's file footer each time a query names the view (~8 ms at 24
            # months); files of one derivation (same SQL and configuration) have one schema and need not
            sql = (f"select * from read_parquet({parquet_list(paths)}, hive_partitioning = true, "
                   f"hive_types = {{'snapshot_month': varchar}}"
                   f"{'' if files['derivation_hash'].n_unique() == 1 else ', union_by_name = true'})")
        elif spec.transform is not None:  # nothing derived yet: the shape the Python step gives, empty
            con.register("_frame", derive.empty_rows(con, spec))
            con.execute(f"create table {spec.view} as select * from _frame")
            con.unregister("_frame")
            continue
        elif spec.params:  # nothing derived yet: an empty table of the derivation's shape
            con.execute(f"create table {spec.view} as {derive.select(spec)} where false", spec.parameters("0000-00"))
            continue
        else:  # nothing derived yet (no data): the derivation over the (empty) sources gives the shape
            if spec.previous:  # and over no earlier month
                derive.previous_views(con, None, spec, {}, None)
            sql = derive.sql_text(spec)
        con.execute(f"create {'table' if spec.name in SMALL_DERIVED else 'view'} {spec.view} as {sql}")
    for view, sql in STAGING_VIEWS.items():
        con.execute(f"create view {view} as {(REPO_DIR / 'queries' / f'{sql}.sql').read_text(encoding='utf-8')}")
    return con


# ---- readers: one per generation, pinned by each script run ------------------------------------------

@dataclass
class Reader:
    root: str
    generation: int
    connection: duckdb.DuckDBPyConnection
    months: list[str]
    imported_at: dt.datetime | None
    pins: int = 0


_readers: dict[tuple[str, int], Reader] = {}
_readers_lock = threading.Lock()
_pinned: contextvars.ContextVar[Reader | None] = contextvars.ContextVar("cockpit_pinned_reader", default=None)


def _months(files: pl.DataFrame) -> list[str]:
    return sorted({p for p in files["period"].to_list() if len(p) == 7})


def _build_reader(root: Path, gen: int) -> Reader:
    files = current_files(root, gen)
    imported = files["imported_at"].max() if "imported_at" in files.columns and files.height else None
    return Reader(str(root), gen, connect(root, gen), _months(files), imported)


def _reader(root: Path, gen: int) -> Reader:
    key = (str(root), gen)
    with _readers_lock:
        found = _readers.get(key)
    if found is not None:
        return found
    built = _build_reader(root, gen)
    with _readers_lock:
        found = _readers.setdefault(key, built)
        if found is not built:
            built.connection.close()
        _drop_unpinned(str(root))
        return found


def _drop_unpinned(root: str) -> None:
    """Closes older generations that no run holds any more; the newest stays for the next run."""
    newest = max((g for r, g in _readers if r == root), default=0)
    for key, reader in list(_readers.items()):
        if key[0] == root and key[1] < newest and reader.pins == 0:
            del _readers[key]
            reader.connection.close()


def current_reader(root: Path | None = None) -> Reader:
    """The reader of the newest generation; facts derived with another configuration are re-derived first."""
    from cockpit import derive

    root = data_dir(root).resolve()
    gen = generation(root)
    if (str(root), gen) not in _readers and derive.stale(root, gen):
        gen = derive.rederive(root)
    return _reader(root, gen)


@contextmanager
def pinned(root: Path | None = None, gen: int | None = None):
    """Every query inside reads one generation (default: the newest now). Re-entrant: an inner call on the
    same folder keeps the outer pin. Yields the Reader."""
    root = data_dir(root).resolve()
    outer = _pinned.get()
    if outer is not None and outer.root == str(root) and gen in (None, outer.generation):
        yield outer
        return
    reader = current_reader(root) if gen is None else _reader(root, gen)
    with _readers_lock:
        reader.pins += 1
    token = _pinned.set(reader)
    try:
        yield reader
    finally:
        _pinned.reset(token)
        with _readers_lock:
            reader.pins -= 1
            _drop_unpinned(reader.root)


def active_reader(root: Path | None = None) -> Reader | None:
    """The reader pinned by the running script (or briefing) for this data folder, if any."""
    reader = _pinned.get()
    if reader is not None and reader.root == str(data_dir(root).resolve()):
        return reader
    return None


def open_generations(root: Path | None = None) -> dict[int, int]:
    """Generation -> how many runs are reading it right now, in this process (for 数据管理)."""
    root = str(data_dir(root).resolve())
    with _readers_lock:
        return {g: r.pins for (r_root, g), r in sorted(_readers.items()) if r_root == root}


def connection(root: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The read connection of the pinned generation, else of the newest. Use `.cursor()` per query."""
    reader = active_reader(root) or current_reader(root)
    return reader.connection


def months(root: Path | None = None) -> list[str]:
    """Months that have a current snapshot of any monthly table, oldest first (of the pinned generation)."""
    reader = active_reader(root)
    if reader is not None:
        return list(reader.months)
    return _months(current_files(root))


def imported_at(root: Path | None = None, gen: int | None = None) -> dt.datetime | None:
    """When generation `gen` (default: the newest) was committed (an import, or a re-derivation)."""
    root = data_dir(root)
    if not (root / CATALOG_FILE).exists():
        return None
    con = _open_catalog(root, read_only=True)
    try:
        if not (_has_table(con, "snapshots") and _has_table(con, "derived")):
            return None
        gen = con.execute(_GENERATION_SQL).fetchall()[0][0] if gen is None else gen
        return con.execute("select coalesce((select max(imported_at) from snapshots where generation = $g),"
                           " (select max(derived_at) from derived where generation = $g))", {"g": gen}
                           ).fetchall()[0][0]
    finally:
        con.close()
