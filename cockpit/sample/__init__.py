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
from cockpit.sample import inspections, problems, promotions, sources, timeline, world

# Full monthly snapshots (projects, land, nodes, indicators) for every month of both years.
SNAPSHOT_YEARS = (2019, 2020)


class SampleImportError(RuntimeError):
    """The import refused the generated files; the message lists its problems."""


def months() -> list[str]:
    return [m for year in SNAPSHOT_YEARS for m in timeline.months(year)]


def source_files(sample: world.World, month: str, seed: int) -> list[tuple[str, bytes]]:
    """The files a month's import reads: a workbook of 项目库/土地/月度指标/核查结果/招商活动 (and 年度目标 in
    January) and the 推进节点 as a GBK .csv."""
    from cockpit.ingest.templates import workbook_bytes

    tables = sample.tables(month)
    frames = {
        "projects": sources.projects_sheet(tables["projects"], sources.rng_for(seed, month, "projects")),
        "land": sources.land_sheet(tables["land"], sources.rng_for(seed, month, "land")),
        "indicators": sources.indicators_sheet(tables["indicators"], sources.rng_for(seed, month, "indicators")),
    }
    if month.endswith("-01"):
        frames["targets"] = sources.targets_sheet(sample.targets, int(month[:4]))
    register = problems.snapshot(problems.drawn(sample.projects, seed), month)  # 问题清单 (issue 18 §2)
    # only projects in the month's 项目库 (a project that left it, see sample/coordination.py, takes its problems along)
    register = register.filter(register["project_code"].is_in(tables["projects"]["project_code"].implode()))
    frames["problems"] = problems.sheet(register, sources.rng_for(seed, month, "problems"))
    # issue 18 (inspection): the month's 核查结果 (checked in the first half of the next month) and 招商活动
    frames["inspections"] = inspections.sheet(tables["projects"], month, sources.rng_for(seed, month, "inspections"))
    frames["promotions"] = promotions.sheet(tables["projects"], month, sources.rng_for(seed, month, "promotions"))
    nodes = sources.nodes_csv(tables["nodes"], sources.rng_for(seed, month, "nodes"))
    return [(f"双进双产月报_{month}.xlsx", workbook_bytes(frames=frames)), (f"推进节点_{month}.csv", nodes)]


def _import_month(root: Path, month: str, files: list[tuple[str, bytes]]) -> tuple[dict[str, int], list[str]]:
    """Keeps the files under <root>/samples/<month>/ and imports them; raises if the import finds an error."""
    from cockpit.ingest.importer import SourceInput, import_sources

    folder = root / "samples" / month
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        (folder / name).write_bytes(data)
    result = import_sources([SourceInput(name, data) for name, data in files], month, root=root,
                            imported_by="sample")
    if result.errors or not result.ok:
        listed = "\n".join(f"  {p}" for p in (result.errors or result.problems)[:50])
        raise SampleImportError(f"{month}: 导入报告 {len(result.errors)} 个错误\n{listed}")
    return dict(result.row_counts), [f"{month} {w}" for w in result.warnings]


def generate(root: Path, seed: int = 2020, projects: int = 1500) -> dict:
    """Builds the sample into the data folder `root` through the real import; returns months written,
    row counts per table and period, and timings."""
    started = time.perf_counter()
    root = Path(root)
    sample = world.build(seed, projects)
    drawn = time.perf_counter() - started
    rows: dict[str, dict[str, int]] = {}
    warnings: list[str] = []
    for month in months():
        counts, month_warnings = _import_month(root, month, source_files(sample, month, seed))
        warnings += month_warnings
        for table, count in counts.items():
            period = month[:4] if table == "targets" else month
            rows.setdefault(table, {})[period] = count
    return {"months": months(), "rows": rows, "seed": seed, "projects": projects, "import_warnings": warnings,
            "generation": store.generation(root),
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
    for warning in summary["import_warnings"]:
        print(f"  导入警告：{warning}")
    return 0
