"""Benchmark: time of every query in queries/ at several data scales, against a Parquet-direct baseline.

    python -m cockpit bench [--scales 1500,15000,60000] [--repeat 5]

Scale = projects per snapshot month. The sample data (1,500 projects) is generated once through the real
import (its time is reported), then every table of every month is replicated with new keys to reach each
scale. For each scale it prints the time to build the app's connection, and per query the median time on
our in-memory tables, the ratio to the smallest scale, and the ratio to the baseline: the same SQL over
views that read the Parquet files directly on every query.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import polars as pl

from cockpit import config, queries, schema, store

PARAM_DEFAULTS: dict[str, object] = {
    "month": "2020-12", "previous_month": "2020-11", "base_month": "2020-11", "unit": "city", "year": 2020,
    "metric": "industrial_investment", "metric_key": "industrial_investment", "indicator": "工业投资",
    "search": "新能源", "category": "", "industry": "", "stage": "", "size_tier": "", "leader_tier": "",
    "grade": "", "min_area": 0.0, "bucket": "", "five_idle": "",
}
_KEYS = {"projects": ("project_code",), "land": ("parcel_id", "project_code"), "nodes": ("project_code",)}


def _replicate(frame: pl.DataFrame, table: str, copies: int) -> pl.DataFrame:
    if copies == 1:
        return frame
    parts = [frame.with_columns([pl.col(k) + f"-c{i}" for k in _KEYS.get(table, ())]) if i else frame
             for i in range(copies)]
    return pl.concat(parts)


def _scaled_store(base: Path, target: Path, copies: int) -> None:
    writes = []
    for row in store.current_files(base).iter_rows(named=True):
        table = schema.TABLES[row["table_name"]]
        frame = pl.read_parquet(base / row["path"]).select(list(schema.stored_schema(table)))
        if table.period == "month":
            frame = _replicate(frame, table.name, copies)
        writes.append(store.SnapshotWrite(table.name, row["period"], frame))
    store.write_snapshot(writes, [store.SourceFile(f"bench x{copies}", "-")], root=target)


def _defaults() -> dict[str, object]:
    """Filter values a user might pick, plus every scalar setting (queries take thresholds as parameters)."""
    settings = {k: v for section in config.settings().values() for k, v in section.items()
                if isinstance(v, (int, float, str))}
    return {**settings, **PARAM_DEFAULTS}


def _params_for(name: str, sample_values: dict) -> dict | None:
    names = queries.param_names(queries.sql_text(name))
    defaults = {**_defaults(), **sample_values}
    if not names <= defaults.keys():
        return None
    return {n: defaults[n] for n in names}


def _time(con, sql: str, params: dict, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        cursor = con.cursor()
        start = time.perf_counter()
        cursor.sql(sql, params=params or None).pl()
        times.append(time.perf_counter() - start)
        cursor.close()
    return statistics.median(times) * 1000


def _query_names() -> list[str]:
    return sorted(p.stem for p in queries.QUERY_DIR.glob("*.sql") if not p.stem.startswith("base__"))


def run(scales: list[int], repeat: int) -> pl.DataFrame:
    from cockpit import sample

    work = Path(tempfile.mkdtemp(prefix="cockpit-bench-"))
    started = time.perf_counter()
    sample.generate(work / "base", seed=2020, projects=scales[0])
    print(f"示例数据生成：{scales[0]} 个项目，{time.perf_counter() - started:.1f} 秒")
    results = []
    for scale in scales:
        root = work / f"x{scale}"
        _scaled_store(work / "base", root, max(1, round(scale / scales[0])))
        started = time.perf_counter()
        fast = store.connect(root)
        connect_ms = (time.perf_counter() - started) * 1000
        slow = store.connect(root, materialize=False)
        rows, code = fast.sql("select count(*), min(project_code) from projects "
                              "where snapshot_month = '2020-12'").fetchall()[0]
        print(f"\n规模 {scale:,} 项目/月（2020-12 实有 {rows:,} 行）：建立连接 {connect_ms:.0f} ms")
        for name in _query_names():
            params = _params_for(name, {"code": code, "project_code": code})
            if params is None:
                print(f"  跳过 {name}：参数 {sorted(queries.param_names(queries.sql_text(name)))} 无默认值")
                continue
            sql = queries.sql_text(name)
            ms = _time(fast, sql, params, repeat)
            baseline = _time(slow, sql, params, max(1, repeat // 2))
            results.append({"scale": scale, "query": name, "ms": ms, "parquet_ms": baseline,
                            "connect_ms": connect_ms})
    return pl.DataFrame(results)


def report(results: pl.DataFrame) -> str:
    smallest = results["scale"].min()
    base = results.filter(pl.col("scale") == smallest).select("query", base_ms="ms")
    table = (results.join(base, on="query")
             .with_columns(vs_smallest=pl.col("ms") / pl.col("base_ms"),
                           vs_parquet=pl.col("ms") / pl.col("parquet_ms"))
             .sort("query", "scale"))
    lines = [f"{'query':40s} {'scale':>7s} {'median ms':>10s} {'×smallest':>10s} {'parquet ms':>11s} {'÷parquet':>9s}"]
    for r in table.iter_rows(named=True):
        lines.append(f"{r['query']:40s} {r['scale']:>7,d} {r['ms']:>10.2f} {r['vs_smallest']:>10.2f} "
                     f"{r['parquet_ms']:>11.2f} {r['vs_parquet']:>9.2f}")
    totals = table.group_by("scale").agg(pl.col("ms").sum(), pl.col("parquet_ms").sum(),
                                         pl.col("connect_ms").first()).sort("scale")
    lines.append("")
    for r in totals.iter_rows(named=True):
        lines.append(f"规模 {r['scale']:>7,d}：全部查询合计 {r['ms']:.1f} ms（直接读 Parquet {r['parquet_ms']:.1f} ms，"
                     f"快 {r['parquet_ms'] / r['ms']:.1f} 倍）；建立连接 {r['connect_ms']:.0f} ms")
    return "\n".join(lines)


def cli(scales: list[int], repeat: int) -> int:
    print(report(run(scales, repeat)))
    return 0
