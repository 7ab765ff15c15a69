"""Atomic snapshots: a process killed mid-import leaves the previous snapshot byte-identical."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cockpit import REPO_DIR, queries, store
from tests.helpers import project, write
from tests.ingest.files import PROJECT_HEADERS, project_row, xlsx
from tests.ingest.test_import_bad import hashes


def run_import(data_root, path, fault=None):
    env = {**os.environ, "COCKPIT_DATA_DIR": str(data_root)}
    env.pop("COCKPIT_FAULT", None)
    if fault:
        env["COCKPIT_FAULT"] = fault
    return subprocess.run([sys.executable, "-m", "cockpit", "import", "--month", "2020-03", str(path)],
                          check=False, cwd=REPO_DIR, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("fault", ["after-parquet", "before-commit"])
def test_killed_import_leaves_previous_snapshot_intact(data_root, tmp_path, fault):
    write(data_root, "2020-03", projects=[project(1), project(2)])
    before_files, before_catalog = hashes(data_root), store.current_files()
    snapshot_files = {k: v for k, v in before_files.items() if k.startswith("snapshots/")}
    path = xlsx(tmp_path / "项目.xlsx", {"项目库": [PROJECT_HEADERS, *[project_row(i) for i in range(1, 6)]]})

    killed = run_import(data_root, path, fault)
    assert killed.returncode == -9, killed.stderr
    after = hashes(data_root)
    assert {k: v for k, v in after.items() if k in snapshot_files} == snapshot_files
    assert store.current_files().equals(before_catalog)
    assert store.connect().sql("select count(*) from projects").fetchall() == [(2,)]

    retried = run_import(data_root, path)
    assert retried.returncode == 0, retried.stderr
    assert store.connect().sql("select count(*) from projects").fetchall() == [(5,)]


def test_readers_follow_the_catalog_not_the_folder(data_root):
    write(data_root, "2020-03", projects=[project(1)])
    stray = data_root / "snapshots" / "2020-03" / "projects.g99999.parquet"
    stray.write_bytes(b"half a file")
    assert store.connect().sql("select count(*) from projects").fetchall() == [(1,)]


def test_history_keeps_every_import(data_root):
    write(data_root, "2020-03", projects=[project(1)])
    write(data_root, "2020-03", projects=[project(1), project(2)])
    history = store.history()
    assert history.select("generation", "row_count", "is_current").rows() == [(2, 2, True), (1, 1, False)]


def test_a_crash_between_commit_and_marker_does_not_leave_readers_behind(data_root, tmp_path):
    write(data_root, "2020-03", projects=[project(1), project(2)])
    assert store.generation() == 1
    path = xlsx(tmp_path / "项目.xlsx", {"项目库": [PROJECT_HEADERS, *[project_row(i) for i in range(1, 6)]]})

    killed = run_import(data_root, path, "after-commit")
    assert killed.returncode == -9, killed.stderr
    assert (data_root / store.GENERATION_FILE).read_text() == "1"  # the marker stayed behind ...
    assert store.generation() == 2  # ... but readers ask the catalog
    assert queries.run("home__row_counts", month="2020-03")["row_count"][0] == 5
    assert (data_root / store.GENERATION_FILE).read_text() == "2"  # and the marker is repaired


def test_files_of_a_killed_import_are_never_read_and_swept_by_the_next(data_root, tmp_path):
    write(data_root, "2020-03", projects=[project(1), project(2)])
    path = xlsx(tmp_path / "项目.xlsx", {"项目库": [PROJECT_HEADERS, *[project_row(i) for i in range(1, 6)]]})
    killed = run_import(data_root, path, "after-derive")
    assert killed.returncode == -9, killed.stderr
    left = sorted(str(p.relative_to(data_root)) for p in data_root.rglob("*.g00002.parquet"))
    assert left == ["derived/consistency_findings/snapshot_month=2020-03/consistency_findings.g00002.parquet",
                    "derived/inspection_facts/snapshot_month=2020-03/inspection_facts.g00002.parquet",
                    "derived/inspection_standing/snapshot_month=2020-03/inspection_standing.g00002.parquet",
                    "derived/metric_actuals/snapshot_month=2020-03/metric_actuals.g00002.parquet",
                    "derived/problem_facts/snapshot_month=2020-03/problem_facts.g00002.parquet",
                    "derived/project_changes/snapshot_month=2020-03/project_changes.g00002.parquet",
                    "derived/project_facts/snapshot_month=2020-03/project_facts.g00002.parquet",
                    "derived/project_warnings/snapshot_month=2020-03/project_warnings.g00002.parquet",
                    "derived/promotion_facts/snapshot_month=2020-03/promotion_facts.g00002.parquet",
                    "derived/shared_names/snapshot_month=2020-03/shared_names.g00002.parquet",
                    "snapshots/2020-03/projects.g00002.parquet"]
    (data_root / "snapshots" / "2020-03" / "land.tmp").write_bytes(b"half")
    assert store.connect().sql("select count(*) from projects").fetchall() == [(2,)]

    write(data_root, "2020-04", projects=[project(1)])  # the next import, of another month
    assert not (data_root / "snapshots" / "2020-03" / "land.tmp").exists()
    assert sorted(str(p.relative_to(data_root)) for p in data_root.rglob("*.parquet")) == [
        "derived/consistency_findings/snapshot_month=2020-03/consistency_findings.g00001.parquet",
        "derived/consistency_findings/snapshot_month=2020-04/consistency_findings.g00002.parquet",
        "derived/inspection_facts/snapshot_month=2020-03/inspection_facts.g00001.parquet",
        "derived/inspection_facts/snapshot_month=2020-04/inspection_facts.g00002.parquet",
        "derived/inspection_standing/snapshot_month=2020-03/inspection_standing.g00001.parquet",
        "derived/inspection_standing/snapshot_month=2020-04/inspection_standing.g00002.parquet",
        "derived/metric_actuals/snapshot_month=2020-03/metric_actuals.g00001.parquet",
        "derived/metric_actuals/snapshot_month=2020-04/metric_actuals.g00002.parquet",
        "derived/problem_facts/snapshot_month=2020-03/problem_facts.g00001.parquet",
        "derived/problem_facts/snapshot_month=2020-04/problem_facts.g00002.parquet",
        "derived/project_changes/snapshot_month=2020-03/project_changes.g00001.parquet",
        "derived/project_changes/snapshot_month=2020-04/project_changes.g00002.parquet",
        "derived/project_facts/snapshot_month=2020-03/project_facts.g00001.parquet",
        "derived/project_facts/snapshot_month=2020-04/project_facts.g00002.parquet",
        "derived/project_warnings/snapshot_month=2020-03/project_warnings.g00001.parquet",
        "derived/project_warnings/snapshot_month=2020-04/project_warnings.g00002.parquet",
        "derived/promotion_facts/snapshot_month=2020-03/promotion_facts.g00001.parquet",
        "derived/promotion_facts/snapshot_month=2020-04/promotion_facts.g00002.parquet",
        "derived/shared_names/snapshot_month=2020-03/shared_names.g00001.parquet",
        "derived/shared_names/snapshot_month=2020-04/shared_names.g00002.parquet",
        "snapshots/2020-03/projects.g00001.parquet",
        "snapshots/2020-04/projects.g00002.parquet",
    ]


def test_no_module_calls_another_modules_private_names():
    """Each module keeps its room: derive asks store for the lock and the generation through public functions."""
    import re

    names = {p.stem for p in (REPO_DIR / "cockpit").glob("*.py")} | {"importer", "archive", "read", "parse",
                                                                     "validate", "templates"}
    calls = re.compile(r"\b(" + "|".join(sorted(names)) + r")\._[a-z]\w*")
    found = []
    for path in sorted([*(REPO_DIR / "cockpit").rglob("*.py"), *(REPO_DIR / "pages").glob("*.py"),
                        REPO_DIR / "app.py"]):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            hit = calls.search(line)
            if hit and hit.group(1) != path.stem and "sys._" not in line:
                found.append(f"{path.relative_to(REPO_DIR)}:{number}: {hit.group(0)}")
    assert found == []
