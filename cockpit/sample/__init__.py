"""Deterministic sample data for Jiaxing's 双进双产 cockpit, produced through the real import.

`generate(root, seed, projects)` draws the whole sample from the seed (cockpit/sample/world.py), writes each
month's source files as users would (an .xlsx workbook and a GBK .csv, with the usual messiness) under
<root>/samples/, and imports them month by month with cockpit.ingest.importer.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from cockpit import store
from cockpit.sample import timeline, world

# Full monthly snapshots (projects, land, nodes, indicators) for every month of both years.
SNAPSHOT_YEARS = (2019, 2020)


class SampleImportError(RuntimeError):
    """The import refused the generated files; the message lists its problems."""


def _months() -> list[str]:
    return [m for year in SNAPSHOT_YEARS for m in timeline.months(year)]


def _write_direct(root: Path, sample: world.World) -> dict:
    """Writes the typed frames straight into the store, bypassing the import (development only)."""
    rows: dict[str, dict[str, int]] = {}
    for month in _months():
        tables = sample.tables(month)
        writes = [store.SnapshotWrite(name, month, frame) for name, frame in tables.items()]
        year = int(month[:4])
        if month.endswith("-01"):
            from cockpit.sample import targets

            writes.append(store.SnapshotWrite("targets", str(year), targets.frame(sample.targets, year)))
        store.write_snapshot(writes, [store.SourceFile("sample", "0" * 64)], root=root, imported_by="sample")
        for w in writes:
            rows.setdefault(w.table, {})[w.period] = w.frame.height
    return rows


def generate(root: Path, seed: int = 2020, projects: int = 1500) -> dict:
    """Builds the sample into the data folder `root`; returns months written, row counts and timings."""
    started = time.perf_counter()
    root = Path(root)
    sample = world.build(seed, projects)
    drawn = time.perf_counter() - started
    rows = _write_direct(root, sample)
    return {"months": _months(), "rows": rows, "seed": seed, "projects": projects,
            "seconds_drawing": round(drawn, 2), "seconds_total": round(time.perf_counter() - started, 2)}


def cli(data_dir: Path | None, seed: int = 2020, projects: int = 1500) -> int:
    root = store.data_dir(data_dir)
    try:
        summary = generate(root, seed=seed, projects=projects)
    except SampleImportError as exc:
        print(f"示例数据导入失败：\n{exc}", file=sys.stderr)
        return 1
    months = summary["months"]
    print(f"示例数据已写入 {root}（种子 {seed}，{months[0]}～{months[-1]}，用时 {summary['seconds_total']} 秒）")
    for table, by_period in summary["rows"].items():
        last = max(by_period)
        print(f"  {table}: {len(by_period)} 期，{last} {by_period[last]} 行")
    return 0
