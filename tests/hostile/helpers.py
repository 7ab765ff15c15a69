"""Runs the real command-line import on a generated file and records what a user sees and what changed on disk."""
from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cockpit.ingest import importer

PROJECT_HEADERS = ["项目代码", "项目名称", "县级主体", "项目类别", "总投资（万元）", "签约日期"]


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    changed: bool  # any byte of the data folder differs from before

    @property
    def errors(self) -> list[str]:
        return [line.removeprefix("错误：") for line in self.err.splitlines() if line.startswith("错误：")]

    @property
    def warnings(self) -> list[str]:
        return [line.removeprefix("警告：") for line in self.out.splitlines() if line.startswith("警告：")]


def hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run(root: Path, capsys, *files: Path, month: str = "2020-03") -> Outcome:
    """`python -m cockpit import` in this process; a traceback fails the test by itself."""
    capsys.readouterr()
    before = hashes(root)
    code = importer.cli(list(files), month, root)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return Outcome(code, captured.out, captured.err, hashes(root) != before)


def rejected(root: Path, capsys, *files: Path, month: str = "2020-03") -> Outcome:
    """An import that must fail: exit 1, the summary line, and a byte-identical data folder."""
    outcome = run(root, capsys, *files, month=month)
    assert outcome.code == 1, outcome.out + outcome.err
    assert "未写入任何数据" in outcome.err
    assert not outcome.changed
    return outcome


def code(serial: int) -> str:
    return f"2020-330402-07-02-{serial:06d}"


def row(serial: int, **overrides) -> list:
    values = {"项目代码": code(serial), "项目名称": f"项目{serial}", "县级主体": "南湖区", "项目类别": "制造业",
              "总投资（万元）": "20000", "签约日期": "2020-01-10"}
    values.update(overrides)
    return [values[h] for h in PROJECT_HEADERS]


def rewrite_entry(path: Path, entry: str, change) -> Path:
    """Rewrites one file inside an .xlsx (zip) with change(bytes) -> bytes."""
    with zipfile.ZipFile(path) as book:
        items = [(info, book.read(info.filename)) for info in book.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for info, data in items:
            book.writestr(info.filename, change(data) if info.filename == entry else data)
    return path


def dimension(path: Path, ref: str) -> Path:
    return rewrite_entry(path, "xl/worksheets/sheet1.xml",
                         lambda xml: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml))
