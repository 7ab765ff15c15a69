"""Import: read every source, report every problem at once, and write one atomic snapshot only if none is an error."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from cockpit import config, schema, store
from cockpit.ingest import archive, crosscheck, crosscheck_problems, isolate, parse, read, validate

Progress = Callable[[str], None]
UNCOMPUTED = "公式未计算，请在 Excel 中打开并保存后再导入"
_SUMMED_KINDS = ("money_cny", "money_usd", "area")  # what a 合计 row of 项目库 or 土地 adds up


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


def _row_problems(table: schema.Table, frame: pl.DataFrame, month: str, limit: int | None = None) -> list[Problem]:
    """The rows' problems, of each level the first `limit`; beyond that, one line per column with the count."""
    headers = {c.name: c.header for c in table.columns}
    month_end = store.month_end(month)
    problems = []
    for rule, index in validate.failures(table, frame, month, month_end, limit):
        row = frame.row(index, named=True)
        problems.append(Problem(rule.level, row["_file"], row["_sheet"], row["_row"], headers[rule.column],
                                validate.reason(rule, row.get(f"{rule.column}__raw"))))
    if limit is None:
        return problems
    for level in ("error", "warning"):
        listed = sum(p.level == level for p in problems)
        if listed < limit:
            continue
        totals = validate.counts(table, frame, month, month_end, level)
        first = frame.row(0, named=True)
        kind = "格式错误" if level == "error" else "有警告"
        problems += [Problem(level, first["_file"], first["_sheet"], None, headers[name],
                             f"{headers[name]}：{n:,}行{kind}，以下列出前{limit:,}条")
                     for name, n in totals.items()]
    return problems


def _invisible_problems(table: schema.Table, raw: pl.DataFrame, hits: list[tuple[int, str, str]]
                        ) -> list[Problem]:
    headers = {c.name: c.header for c in table.columns}
    found = []
    for position, name, chars in hits:
        row = raw.row(position, named=True)
        found.append(Problem("warning", row["_file"], row["_sheet"], row["_row"], headers[name],
                             f"含不可见字符或控制字符（{chars}），已删除"))
    return found


def _uncomputed_problems(items: list[read.RawTable]) -> list[Problem]:
    return [Problem("error", item.file, item.sheet, row, item.table.column(name).header, UNCOMPUTED)
            for item in items for row, name in item.uncomputed]


def _without_cells_of(problems: list[Problem], cells: list[Problem]) -> list[Problem]:
    """A formula without a value is one error, not also 必填项为空 on the same cell."""
    taken = {(p.file, p.sheet, p.row, p.column) for p in cells}
    return [p for p in problems if (p.file, p.sheet, p.row, p.column) not in taken]


def _fmt(value: float) -> str:
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _total_problems(item: read.RawTable, frame: pl.DataFrame) -> list[Problem]:
    """Each 合计/总计/小计 row: skipped with a warning that says whether its sums match the rows above it.

    合计 and 总计 add up every row above them; 小计 the rows since the previous 合计/总计/小计 row.
    """
    rows = frame.filter((pl.col("_file") == item.file) & (pl.col("_sheet").eq_missing(item.sheet)))
    found, start = [], 0
    for total in item.totals:
        group = rows.filter(pl.col("_row").is_between(start if total.label.startswith("小") else 0, total.row))
        start = total.row
        checked, wrong = [], []
        for column in item.table.columns:
            stated = parse.number_value(total.values.get(column.name)) if column.kind in _SUMMED_KINDS else None
            if stated is None:
                continue
            summed = group[column.name].sum() or 0.0
            if abs(stated - summed) <= max(0.01, abs(summed) * 1e-9):
                checked.append(column.header)
            else:
                wrong.append(Problem("warning", item.file, item.sheet, total.row, column.header,
                                     f"“{total.label}”行为 {_fmt(stated)}，与上方{group.height}行之和 {_fmt(summed)} "
                                     f"不符，请核对是否漏行或多行"))
        note = f"；{'、'.join(checked)}与上方{group.height}行之和一致" if checked else ""
        found.append(Problem("warning", item.file, item.sheet, total.row, None,
                             f"“{total.label}”行不是{item.table.title}数据，已跳过{note}"))
        found += wrong
    return found


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


def _year_periods() -> dict[int, str]:
    """Snapshot folder names for years: built from configuration, so no text from a file becomes a path."""
    lim = archive.limits()
    return {year: f"{year:04d}" for year in range(lim.year_min, lim.year_max + 1)}


def _writes(frames: dict[str, pl.DataFrame], month: str) -> list[store.SnapshotWrite]:
    writes = []
    periods = _year_periods()
    for name, frame in frames.items():
        table = schema.TABLES[name]
        stored = _to_storage(table, frame)
        if table.period == "year":
            for year in sorted(stored["year"].unique().to_list()):
                writes.append(store.SnapshotWrite(name, periods[year], stored.filter(pl.col("year") == year)))
        else:
            writes.append(store.SnapshotWrite(name, month, stored))
    return writes


def _read_all(sources: list[SourceInput], result: ImportResult, progress: Progress
              ) -> tuple[dict[str, list[read.RawTable]], dict[tuple[str, str | None], int], list[read.RawTable]]:
    grouped: dict[str, list[read.RawTable]] = {}
    seen: dict[tuple[str, str | None], int] = {}  # files and sheets in the order they were read
    headers_only = []
    for source in sources:
        seen.setdefault((source.name, None), len(seen))
        progress(f"读取 {source.name}（{len(source.data) / 1e6:.1f} MB）…", source.name)
        for item in read.read_source(source.name, source.data):
            seen.setdefault((item.file, item.sheet), len(seen))
            if isinstance(item, read.Unreadable):
                result.problems.append(Problem(item.level, item.file, item.sheet, item.row, item.column, item.reason))
                continue
            if item.frame.is_empty() and not item.totals:  # a blank sheet of the full template must not empty
                headers_only.append(item)                     # that month's table
                result.problems.append(Problem("warning", item.file, item.sheet, item.header_row, None,
                                               f"“{item.table.title}”没有数据行，已跳过（该表保持不变）"))
                continue
            # A missing required column is one error; the sheet's other columns are still checked.
            result.problems += _header_problems(item)
            grouped.setdefault(item.table.name, []).append(item)
    return grouped, seen, headers_only


def month_bounds(today: dt.date | None = None) -> tuple[str, str]:
    """Months an import may name: from [import] month_min to next month."""
    today = today or dt.date.today()
    later = dt.date(today.year + today.month // 12, today.month % 12 + 1, 1)
    return str(config.section("import")["month_min"]), f"{later:%Y-%m}"


def month_problem(month: str, today: dt.date | None = None) -> Problem | None:
    """Why an import month is refused (format, or outside month_bounds), or None."""
    if not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", month or ""):
        return Problem("error", "-", None, None, None, f"导入月份“{month}”格式应为 YYYY-MM")
    low, high = month_bounds(today)
    if not low <= month <= high:
        return Problem("error", "-", None, None, None,
                       f"导入月份“{month}”超出范围（应在{low}至{high}之间，最晚为下个月）")
    return None


def check(sources: list[SourceInput], month: str, root=None, progress: Progress | None = None
          ) -> tuple[ImportResult, list[store.SnapshotWrite]]:
    """Reads and checks everything; returns the problems and, when there is no error, what to write.

    The reading and checking run in a child process limited by [import] memory_limit_mb and time_limit_seconds
    (isolate.py): a file that exhausts either is one error, and this process carries on.
    """
    wrong_month = month_problem(month)
    if wrong_month:
        return ImportResult([wrong_month]), []
    section = config.section("import")
    try:
        return isolate.call("cockpit.ingest.importer:check_here", sources, month, root,
                            memory_mb=int(section["memory_limit_mb"]), seconds=float(section["time_limit_seconds"]),
                            progress=progress, preload=("python_calamine",))
    except isolate.Exhausted as exc:
        reason = f"{isolate.MESSAGE}：{exc.what}"
        return ImportResult([Problem("error", exc.file or "-", None, None, None, reason)]), []


def _reader_fault(sources: list[SourceInput], progress) -> None:
    """COCKPIT_FAULT=reader-abort|reader-memory|reader-hang: what a reader bug could do, for the tests of check()."""
    fault = os.environ.get("COCKPIT_FAULT", "")
    if not fault.startswith("reader-") or not sources:
        return
    progress(f"读取 {sources[0].name}…", sources[0].name)
    if fault == "reader-abort":
        os.abort()  # as calamine does when an allocation fails
    if fault == "reader-memory":
        hog = [bytearray(64 << 20) for _ in range(64)]  # 4 GB
        del hog
    if fault == "reader-hang":
        time.sleep(3600)


def check_here(sources: list[SourceInput], month: str, root=None, progress=None
               ) -> tuple[ImportResult, list[store.SnapshotWrite]]:
    """check() in this process (the child's side): progress(message, file) also names the file being read."""
    progress = progress or (lambda _message, _file=None: None)
    _reader_fault(sources, progress)
    result = ImportResult()
    wrong_month = month_problem(month)
    if wrong_month:
        result.problems.append(wrong_month)
        return result, []
    grouped, seen, headers_only = _read_all(sources, result, progress)
    frames = {}
    for name, items in grouped.items():
        table = schema.TABLES[name]
        raw = pl.concat([item.frame for item in items], how="diagonal_relaxed")
        progress(f"校验“{table.title}” {raw.height} 行…", "-")
        raw, hits = parse.strip_invisible(table, raw, archive.limits().max_errors)
        result.problems += _invisible_problems(table, raw, hits)
        frame = parse.parse(table, raw)
        uncomputed = _uncomputed_problems(items)
        limit = max(0, archive.limits().max_errors - len(result.errors))
        result.problems += uncomputed + _without_cells_of(_row_problems(table, frame, month, limit), uncomputed)
        for item in items:
            result.problems += _total_problems(item, frame)
        result.row_counts[name] = frame.height
        frames[name] = frame
    if not sources:
        result.problems.append(Problem("error", "-", None, None, None, "没有提供任何文件"))
    elif not frames and result.ok:
        titles = "、".join(dict.fromkeys(f"“{item.table.title}”" for item in headers_only))
        reason = (f"识别为{titles}，但只有表头、没有数据行，没有可导入的数据" if titles
                  else "文件中没有识别到任何模板表")
        result.problems.append(Problem("error", "-", None, None, None, reason))
    result.problems += _unknown_node_projects(frames, month, root)
    result.problems += crosscheck_problems.problems(frames, month, root)
    result.problems += crosscheck.problems(frames, month, root)  # issue 18: 核查结果, 招商活动 against the 项目库
    result.problems.sort(key=lambda p: (seen.get((p.file, p.sheet), len(seen)), p.row or 0))
    return result, ([] if result.errors else _writes(frames, month))


def current_generations(root=None) -> dict[tuple[str, str], int]:
    """(table, period) -> the generation current now; a page that previews a check can keep it for the import."""
    files = store.current_files(root)
    return {(r["table_name"], r["period"]): r["generation"] for r in files.iter_rows(named=True)}


def _replaced_meanwhile(writes: list[store.SnapshotWrite], before: dict[tuple[str, str], int], generation: int,
                        root) -> list[Problem]:
    """Another import of the same month that landed while this one was being checked, and that this one replaced.

    Two imports at once both succeed (the second waits for the first's lock); the second must say so, or the first
    user believes data is current that is already gone.
    """
    history = store.history(root)
    replaced: dict[int, dict] = {}
    for write in writes:
        earlier = history.filter((pl.col("table_name") == write.table) & (pl.col("period") == write.period)
                                 & (pl.col("generation") < generation)).sort("generation")
        if earlier.is_empty():
            continue
        last = earlier.row(-1, named=True)
        if last["generation"] != before.get((write.table, write.period)):
            entry = replaced.setdefault(last["generation"], {"row": last, "tables": []})
            entry["tables"].append(f"{write.period}“{schema.TABLES[write.table].title}”")
    found = []
    for number, entry in sorted(replaced.items()):
        row = entry["row"]
        ago = max(0, int((dt.datetime.now() - row["imported_at"]).total_seconds()))
        files = "、".join(f["name"] for f in json.loads(row["source_files"]))
        who = f"，{row['imported_by']}" if row.get("imported_by") else ""
        found.append(Problem(
            "warning", "-", None, None, None,
            f"本次导入替换了{ago}秒前刚完成的另一次导入（批次 {number}，{row['imported_at']:%Y-%m-%d %H:%M:%S}，"
            f"文件 {files}{who}）的{'、'.join(entry['tables'])}：两次导入同时进行，现在生效的是本次导入"))
    return found


def import_sources(sources: list[SourceInput], month: str, root=None, imported_by: str | None = None,
                   progress: Progress | None = None, seen: dict[tuple[str, str], int] | None = None
                   ) -> ImportResult:
    """Checks, and writes one atomic snapshot when there is no error; nothing is written otherwise.

    seen: current_generations() as the user saw them (when a page previewed the check); by default, now. An import
    of the same month that landed since then and that this one replaces is reported as a warning.
    """
    before = current_generations(root) if seen is None else seen
    result, writes = check(sources, month, root, progress)
    if result.ok and writes:
        if progress:
            progress("写入快照…")
        result.generation = store.write_snapshot(
            writes, [store.SourceFile(s.name, s.sha256) for s in sources], root=root, imported_by=imported_by)
        result.problems += _replaced_meanwhile(writes, before, result.generation, root)
    return result


def cli(files: list[Path], month: str, data_dir: Path | None, check_only: bool = False) -> int:
    missing = [f for f in files if not Path(f).is_file()]
    if missing:
        print("找不到文件：" + "、".join(map(str, missing)), file=sys.stderr)
        return 1
    sources = [SourceInput.from_path(f) for f in files]

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    result = check(sources, month, data_dir, progress)[0] if check_only else import_sources(
        sources, month, data_dir, imported_by="cli", progress=progress)
    for problem in result.problems:
        print(f"{problem.level_label}：{problem}", file=sys.stderr if problem.level == "error" else sys.stdout)
    counts = "，".join(f"{schema.TABLES[t].title} {n} 行" for t, n in result.row_counts.items())
    if result.errors:
        print(f"发现 {len(result.errors)} 个错误、{len(result.warnings)} 个警告，未写入任何数据。", file=sys.stderr)
        return 1
    action = "校验通过（未写入）" if check_only else f"已导入 {month}（批次 {result.generation}）"
    print(f"{action}：{counts}；{len(result.warnings)} 个警告。")
    if not check_only:  # issue 19 §5: the 一张网 report's counts for the month just imported (nothing refused)
        from cockpit import consistency
        consistency.print_summary(month, data_dir)
    return 0
