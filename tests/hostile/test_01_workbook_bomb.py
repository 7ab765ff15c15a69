"""Item 1: a 6.5 KB workbook must not take the server's memory: refused from the archive and the sheet's real extent,
before any reader parses it, within a second; a genuine export longer than the limit is refused the same way."""
from __future__ import annotations

import resource
import subprocess
import sys
import time
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from tests.hostile.helpers import (
    PROJECT_HEADERS,
    dimension,
    rejected,
    rewrite_entry,
    row,
)

# Runs the command line and prints the process's own peak memory (VmHWM: high-water mark of this program, not of
# the forked test process it started from) when it exits.
PEAK_MEMORY = """
import atexit, runpy, sys
atexit.register(lambda: print([l for l in open("/proc/self/status") if l.startswith("VmHWM")][0], file=sys.stderr))
sys.argv[0] = "cockpit"
runpy.run_module("cockpit", run_name="__main__")
"""


def styled_last_row(path):
    """A header, one project, and one bold but empty cell on row 1,048,576, under a declared range of A1:F2 (the
    range is checked on its own below): only the rows themselves show the extent."""
    book = Workbook()
    sheet = book.active
    sheet.title = "项目库"
    sheet.append(PROJECT_HEADERS)
    sheet.append(row(2))
    sheet.cell(1_048_576, 1).font = Font(bold=True)
    book.save(path)
    return dimension(path, "A1:F2")


def test_a_styled_cell_on_the_last_row_is_refused_at_once(seeded, tmp_path, capsys):
    path = styled_last_row(tmp_path / "项目库.xlsx")
    assert path.stat().st_size < 10_000
    started = time.process_time()  # CPU time: the shared test machine's load does not count
    outcome = rejected(seeded, capsys, path)
    assert time.process_time() - started < 1.0
    assert outcome.errors == ["「项目库.xlsx」工作表“项目库” 第1048576行：文件过大或已损坏（1048576行，上限200000行）"]


def test_a_whole_sheet_dimension_is_refused_at_once(seeded, tmp_path, capsys):
    path = tmp_path / "项目库.xlsx"
    book = Workbook()
    book.active.title = "项目库"
    book.active.append(PROJECT_HEADERS)
    book.active.append(row(2))
    book.save(path)
    dimension(path, "A1:XFD1048576")
    started = time.process_time()  # CPU time: the shared test machine's load does not count
    outcome = rejected(seeded, capsys, path)
    assert time.process_time() - started < 1.0
    assert outcome.errors == [
        "「项目库.xlsx」工作表“项目库”：文件过大或已损坏（声明范围 A1:XFD1048576，1048576行，上限200000行）"]


@pytest.mark.parametrize("spelling", [b' r="XFD2"', b"\nr='XFD2'"])  # XML allows either quote and any white space
def test_a_cell_far_to_the_right_is_refused(seeded, tmp_path, capsys, spelling):
    path = tmp_path / "项目库.xlsx"
    book = Workbook()
    book.active.title = "项目库"
    book.active.append(PROJECT_HEADERS)
    book.active.append(row(2))
    book.active.cell(2, 16_384, "x")  # XFD2: a reader that fills the range holds 16,384 columns per row
    book.save(path)
    dimension(path, "A1:F2")  # and the declared range hides it
    rewrite_entry(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b' r="XFD2"', spelling))
    outcome = rejected(seeded, capsys, path)
    assert outcome.errors == ["「项目库.xlsx」工作表“项目库”：文件过大或已损坏（16384列，上限200列）"]


def test_a_zip_bomb_entry_is_refused_by_its_compression_ratio(seeded, tmp_path, capsys):
    path = tmp_path / "项目库.xlsx"
    book = Workbook()
    book.active.title = "项目库"
    book.active.append(PROJECT_HEADERS)
    book.save(path)
    padding = b" " * (20 << 20)  # 20 MB of spaces packs into ~20 KB
    rewrite_entry(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<sheetData>", padding + b"<sheetData>"))
    assert path.stat().st_size < 100_000
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        ratio = info.file_size / info.compress_size
    started = time.process_time()  # CPU time: the shared test machine's load does not count
    outcome = rejected(seeded, capsys, path)
    assert time.process_time() - started < 1.0
    assert outcome.errors == [
        f"「项目库.xlsx」：文件过大或已损坏（xl/worksheets/sheet1.xml 压缩比{ratio:.0f}倍，上限200倍）"]


def test_a_genuine_export_longer_than_the_limit_stops_at_the_limit(seeded, tmp_path, capsys):
    """A real 300,000-row csv under the 20 MB limit (the issue's 7 MB export ran past 120 s): refused at row 200,002,
    in seconds."""
    lines = [",".join(PROJECT_HEADERS)] + [f"{i},项目,南湖,制造业,1,2020-01-01" for i in range(300_000)]
    path = tmp_path / "项目库.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    started = time.process_time()  # CPU time: the shared test machine's load does not count
    outcome = rejected(seeded, capsys, path)
    assert time.process_time() - started < 5.0
    assert outcome.errors == ["「项目库.csv」 第200002行：文件过大或已损坏（200001行，上限200000行）"]


def test_the_command_line_refuses_the_bomb_in_seconds_and_little_memory(seeded, tmp_path):
    """The whole process, as `python -m cockpit import` runs it: its own peak memory and time."""
    path = styled_last_row(tmp_path / "项目库.xlsx")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(tmp_path / "out", "w") as out, open(tmp_path / "err", "w") as err:
        code = subprocess.call([sys.executable, "-c", PEAK_MEMORY, "import", "--month", "2020-03", "--data-dir",
                                str(seeded), str(path)], stdout=out, stderr=err, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    err_text = (tmp_path / "err").read_text()
    assert code == 1 and "Traceback" not in err_text
    assert "文件过大或已损坏（1048576行，上限200000行）" in err_text
    peak_kb = int(err_text.rsplit("VmHWM:", 1)[1].split()[0])
    assert peak_kb < 400 * 1024, peak_kb  # the run grew past 4.8 GB
    assert cpu < 5, cpu  # ~1 s, most of it starting Python and importing polars (the ran past 120 s)
