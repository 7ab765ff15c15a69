"""Import: read every source, report every problem at once, and write one atomic snapshot only if none is an error."""
from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from cockpit import schema, store
from cockpit.ingest import parse, read, validate


@dataclass(frozen=True)
class SourceInput:
    name: str
    data: bytes

    @classmethod
    def from_path(cls, path: str | Path) -> SourceInput:
        path = Path(path)
        return cls(path.name, path.read_bytes())

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Problem:
    level: str  # "error" | "warning"
    file: str
    sheet: str | None
    row: int | None  # as Excel shows it
    column: str | None  # the Chinese header
    reason: str

    def __str__(self) -> str:
        """「项目库_2020-03.xlsx」工作表“项目库” 第5行 列“总投资（万元）”：不是有效数字（“abc”）"""
        where = f"「{self.file}」" + (f"工作表“{self.sheet}”" if self.sheet else "")
        if self.row is not None:
            where += f" 第{self.row}行"
        if self.column:
            where += f" 列“{self.column}”"
        return f"{where}：{self.reason}"

    @property
    def level_label(self) -> str:
        return "错误" if self.level == "error" else "警告"


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)
    generation: int | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def _header_problems(raw: read.RawTable) -> list[Problem]:
    found = [Problem("error", raw.file, raw.sheet, raw.header_row, c.header, "缺少必填列")
             for c in raw.missing if c.required]
    found += [Problem("warning", raw.file, raw.sheet, raw.header_row, h, f"不是“{raw.table.title}”模板的列，已忽略")
              for h in raw.extra_headers]
    return found


def _row_problems(table: schema.Table, frame: pl.DataFrame, month: str) -> list[Problem]:
    headers = {c.name: c.header for c in table.columns}
    problems = []
    for rule, index in validate.failures(table, frame, month, store.month_end(month)):
        row = frame.row(index, named=True)
        problems.append(Problem(rule.level, row["_file"], row["_sheet"], row["_row"], headers[rule.column],
                                validate.reason(rule, row.get(f"{rule.column}__raw"))))
    return problems


def _to_storage(table: schema.Table, frame: pl.DataFrame) -> pl.DataFrame:
    """Stored columns; indicator and target values converted into 万元 / 万美元 (counts, 亩, % unchanged)."""
    if table.name in ("indicators", "targets"):
        factor = pl.col("measure_unit").replace_strict(
            {u: f for u, (_k, f) in schema.MEASURE_UNITS.items()}, return_dtype=pl.Float64)
        storage = pl.col("measure_unit").replace_strict(
            {u: schema.STORAGE_UNIT[k] for u, (k, _f) in schema.MEASURE_UNITS.items()}, return_dtype=pl.String)
        values = ["value_ytd", "value_prior_ytd"] if table.name == "indicators" else ["target_value"]
        frame = frame.with_columns([pl.col(v) * factor for v in values] + [storage.alias("measure_unit")])
    return frame.select(list(schema.stored_schema(table)))


def _unknown_node_projects(frames: dict[str, pl.DataFrame], month: str, root) -> list[Problem]:
    nodes = frames.get("nodes")
    if nodes is None or nodes.is_empty():
        return []
    if "projects" in frames:
        known = set(frames["projects"]["project_code"].to_list())
    else:
        current = store.current_files(root).filter(
            (pl.col("table_name") == "projects") & (pl.col("period") == month))
        paths = [store.data_dir(root) / p for p in current["path"]]
        if not paths:  # one notice, not one per node
            first = nodes.row(0, named=True)
            return [Problem("warning", first["_file"], first["_sheet"], None, "项目代码",
                            f"{month} 尚无项目库快照，本次也未导入项目库，无法核对推进节点的项目代码")]
        known = set(pl.read_parquet(paths[0])["project_code"].to_list())
    unknown = nodes.filter(pl.col("project_code").is_not_null() & ~pl.col("project_code").is_in(list(known)))
    return [Problem("warning", r["_file"], r["_sheet"], r["_row"], "项目代码", "项目库中没有该项目代码")
            for r in unknown.unique("project_code", keep="first").sort("_row").iter_rows(named=True)]


def _writes(frames: dict[str, pl.DataFrame], month: str) -> list[store.SnapshotWrite]:
    writes = []
    for name, frame in frames.items():
        table = schema.TABLES[name]
        stored = _to_storage(table, frame)
        if table.period == "year":
            for year in sorted(stored["year"].unique().to_list()):
                writes.append(store.SnapshotWrite(name, str(year), stored.filter(pl.col("year") == year)))
        else:
            writes.append(store.SnapshotWrite(name, month, stored))
    return writes


def check(sources: list[SourceInput], month: str, root=None) -> tuple[ImportResult, list[store.SnapshotWrite]]:
    """Reads and checks everything; returns the problems and, when there is no error, what to write."""
    result = ImportResult()
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month or ""):
        result.problems.append(Problem("error", "-", None, None, None, f"导入月份“{month}”格式应为 YYYY-MM"))
        return result, []
    grouped: dict[str, list[pl.DataFrame]] = {}
    seen: dict[tuple[str, str | None], int] = {}  # files and sheets in the order they were read
    for source in sources:
        seen.setdefault((source.name, None), len(seen))
        for item in read.read_source(source.name, source.data):
            seen.setdefault((item.file, item.sheet), len(seen))
            if isinstance(item, read.Unreadable):
                result.problems.append(Problem(item.level, item.file, item.sheet, None, None, item.reason))
                continue
            if item.frame.is_empty():  # a blank sheet of the full template must not empty that month's table
                result.problems.append(Problem("warning", item.file, item.sheet, None, None,
                                               f"“{item.table.title}”没有数据行，已跳过（该表保持不变）"))
                continue
            # A missing required column is one error; the sheet's other columns are still checked.
            result.problems += _header_problems(item)
            grouped.setdefault(item.table.name, []).append(item.frame)
    frames = {}
    for name, parts in grouped.items():
        table = schema.TABLES[name]
        frame = parse.parse(table, pl.concat(parts, how="diagonal_relaxed"))
        result.problems += _row_problems(table, frame, month)
        result.row_counts[name] = frame.height
        frames[name] = frame
    if not sources:
        result.problems.append(Problem("error", "-", None, None, None, "没有提供任何文件"))
    elif not frames and result.ok:
        result.problems.append(Problem("error", "-", None, None, None, "文件中没有识别到任何模板表"))
    result.problems += _unknown_node_projects(frames, month, root)
    result.problems.sort(key=lambda p: (seen.get((p.file, p.sheet), len(seen)), p.row or 0))
    return result, ([] if result.errors else _writes(frames, month))


def import_sources(sources: list[SourceInput], month: str, root=None, imported_by: str | None = None
                   ) -> ImportResult:
    """Checks, and writes one atomic snapshot when there is no error; nothing is written otherwise."""
    result, writes = check(sources, month, root)
    if result.ok and writes:
        result.generation = store.write_snapshot(
            writes, [store.SourceFile(s.name, s.sha256) for s in sources], root=root, imported_by=imported_by)
    return result


def cli(files: list[Path], month: str, data_dir: Path | None, check_only: bool = False) -> int:
    missing = [f for f in files if not Path(f).is_file()]
    if missing:
        print("找不到文件：" + "、".join(map(str, missing)), file=sys.stderr)
        return 1
    sources = [SourceInput.from_path(f) for f in files]
    result = check(sources, month, data_dir)[0] if check_only else import_sources(
        sources, month, data_dir, imported_by="cli")
    for problem in result.problems:
        print(f"{problem.level_label}：{problem}", file=sys.stderr if problem.level == "error" else sys.stdout)
    counts = "，".join(f"{schema.TABLES[t].title} {n} 行" for t, n in result.row_counts.items())
    if result.errors:
        print(f"发现 {len(result.errors)} 个错误、{len(result.warnings)} 个警告，未写入任何数据。", file=sys.stderr)
        return 1
    action = "校验通过（未写入）" if check_only else f"已导入 {month}（批次 {result.generation}）"
    print(f"{action}：{counts}；{len(result.warnings)} 个警告。")
    return 0
