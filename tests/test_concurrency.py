"""Readers during imports: 10 threads run a page's whole query set while another process alternates imports of
two different files of one month; every run's figures are exactly one file's, never a mix; no errors."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import polars as pl

from cockpit import REPO_DIR, queries, store
from cockpit.views import snail_warnings, target_progress
from tests.ingest.files import PROJECT_HEADERS, project_row, xlsx

LAND_HEADERS = ["电子监管号", "县级主体", "土地用途", "面积（亩）", "批准日期", "供地日期"]
IMPORTS = 20
READERS = 10


def workbook(path, projects: int, parcels: int, investment: str):
    """项目库 and 土地 of 2020-12; the two files differ in every figure the home page shows."""
    project_rows = [project_row(i, **{"总投资（万元）": investment, "合同开工日期": "2019-01-01"})
                    for i in range(1, projects + 1)]
    land_rows = [[f"3304022020B{i:05d}", "南湖区", "工业用地", 10.0 * i, "2019-05-01", None]
                 for i in range(1, parcels + 1)]
    return xlsx(path, {"项目库": [PROJECT_HEADERS + ["合同开工日期"], *project_rows],
                       "土地": [LAND_HEADERS, *land_rows]})


def home_figures() -> tuple:
    """Everything the home page queries, in one pinned run, reduced to comparable values."""
    month = "2020-12"
    with queries.pinned():
        frames = [
            queries.run("progress__by_metric", month=month, **target_progress.status_params()),
            queries.run("snail__projects", month=month, unit="city"),
            queries.run(snail_warnings.WARNING_QUERY, month=month, **snail_warnings.warning_params()),
            queries.run("idle__by_unit", month=month, unit="city"),
            queries.run("home__row_counts", month=month),
        ]
        months = tuple(store.months())
    return months, *(tuple(map(tuple, f.select(pl.all().cast(pl.String)).rows())) for f in frames)


def import_file(data_root, path):
    env = {**os.environ, "COCKPIT_DATA_DIR": str(data_root)}
    done = subprocess.run([sys.executable, "-m", "cockpit", "import", "--month", "2020-12", str(path)],
                          check=False, cwd=REPO_DIR, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


ALTERNATE = """
import sys
from pathlib import Path
from cockpit.ingest.importer import SourceInput, import_sources
files = [SourceInput.from_path(Path(p)) for p in sys.argv[2:]]
for i in range(int(sys.argv[1])):
    result = import_sources([files[i % 2]], "2020-12", imported_by="test")
    assert result.ok, [str(p) for p in result.errors]
    print(result.generation, flush=True)
"""


def test_readers_never_mix_two_imports(data_root, tmp_path):
    file_a = workbook(tmp_path / "a.xlsx", projects=3, parcels=2, investment="20000")
    file_b = workbook(tmp_path / "b.xlsx", projects=5, parcels=4, investment="600000")
    import_file(data_root, file_a)
    reference_a = home_figures()
    import_file(data_root, file_b)
    reference_b = home_figures()
    assert reference_a != reference_b

    runs, mixed, errors = [], [], []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                got = home_figures()
            except Exception as exc:  # noqa: BLE001 - every error is a failure of the test, counted below
                errors.append(repr(exc))
                continue
            runs.append(got)
            if got not in (reference_a, reference_b):
                mixed.append(got)
            time.sleep(0.005)  # a browser user does not rerun in a tight loop; leaves the importer some CPU

    threads = [threading.Thread(target=reader) for _ in range(READERS)]
    for t in threads:
        t.start()
    env = {**os.environ, "COCKPIT_DATA_DIR": str(data_root)}
    importer = subprocess.run([sys.executable, "-c", ALTERNATE, str(IMPORTS), str(file_a), str(file_b)],
                              check=False, cwd=REPO_DIR, env=env, capture_output=True, text=True, timeout=600)
    stop.set()
    for t in threads:
        t.join()
    generations = importer.stdout.split()
    as_a, as_b = sum(r == reference_a for r in runs), sum(r == reference_b for r in runs)
    print(f"\nconcurrency: {len(runs)} reader runs ({as_a} saw file a, {as_b} file b), {len(generations)} imports, "
          f"{len(mixed)} mixed, {len(errors)} errors")
    assert importer.returncode == 0, importer.stderr
    assert len(generations) == IMPORTS, importer.stderr
    assert errors == [] and mixed == []
    assert len(runs) >= READERS and as_a > 0 and as_b > 0  # the readers did see the imports alternate
    assert store.generation() == int(generations[-1]), (store.generation(), generations, store.current_derived())
