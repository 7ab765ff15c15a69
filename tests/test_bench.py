"""The benchmark times every page at each scale, beside the naive way and the floor, and writes its JSON."""
import json
import re

from cockpit import __main__ as cli
from cockpit import bench, store


def test_bench_times_every_page_at_each_scale(tmp_path, monkeypatch):
    monkeypatch.setattr(bench.tempfile, "mkdtemp", lambda prefix: str(tmp_path))
    out = tmp_path / "bench.json"
    assert cli.main(["bench", "--projects", "120,240", "--repeat", "2", "--json", str(out)]) == 0
    records = json.loads(out.read_text(encoding="utf-8"))
    pages = set(bench.page_queries("x"))
    assert {(r["page"], r["projects"]) for r in records} == {(p, s) for p in pages for s in (120, 240)}
    for r in records:
        assert set(r) == {"page", "projects", "warm_ms", "p95_ms", "first_ms", "naive_ms", "floor_ms",
                          "peak_rss_mb", "start_s", "derive_s"}
        assert 0 < r["warm_ms"] <= r["p95_ms"] and r["floor_ms"] > 0
        # pages without a naive counterpart (issue 19's views) report none rather than a pandas run doing nothing
        assert (r["naive_ms"] > 0) if r["page"] in bench.NAIVE_PAGES else r["naive_ms"] is None
        assert 0 < r["start_s"] < 60 and r["peak_rss_mb"] > 50 and r["derive_s"] > 0


def test_bench_keeps_its_stores_in_work_and_times_them_again(tmp_path):
    """--work: the stores stay; a second run times the built store as it is (no rebuild, no derivation time)."""
    out = tmp_path / "bench.json"
    args = ["bench", "--projects", "120", "--repeat", "1", "--work", str(tmp_path / "work"), "--json", str(out)]
    assert cli.main(args) == 0
    catalog = tmp_path / "work" / "x120" / store.CATALOG_FILE
    built = catalog.stat().st_mtime_ns
    assert all(r["derive_s"] > 0 for r in json.loads(out.read_text(encoding="utf-8")))
    assert cli.main(args) == 0
    assert catalog.stat().st_mtime_ns == built
    again = json.loads(out.read_text(encoding="utf-8"))
    assert again and all(r["derive_s"] is None and r["warm_ms"] > 0 for r in again)


def test_scaled_store_replicates_with_new_keys(sample_root, tmp_path):
    bench.scaled_store(sample_root, tmp_path / "x2", 2)
    con = store.connect(tmp_path / "x2")
    base = store.connect(sample_root)
    count = "select count(*), count(distinct project_code) from projects where snapshot_month = '2020-12'"
    (n, distinct), = base.sql(count).fetchall()
    assert con.sql(count).fetchall() == [(2 * n, 2 * distinct)]
    parcels = "select count(distinct parcel_id) from land where snapshot_month = '2020-12'"
    assert con.sql(parcels).fetchall()[0][0] == 2 * base.sql(parcels).fetchall()[0][0]


def test_every_query_file_is_run_by_some_page():
    run = {name for runs in bench.page_queries("x").values() for name, _ in runs}
    files = {p.stem for p in bench.queries.QUERY_DIR.glob("*.sql") if "__" in p.stem}
    # a query another includes (`-- @include name`, e.g. promotion__ranking in ranking__scores) runs with it
    included = {m for p in bench.queries.QUERY_DIR.glob("*.sql")
                for m in re.findall(r"^-- @include ([a-z0-9_]+)", p.read_text(encoding="utf-8"), re.MULTILINE)}
    assert files - run - included <= {f for f in files if f.startswith(("base__", "stg__", "int__"))}


def test_peak_memory_is_the_app_process_own_not_its_builders():
    """The app process is started by the process that built the store (2.3 GB at 1,500,000): its peak must not
    include what its parent held when it forked (ru_maxrss does on Linux)."""
    import subprocess
    import sys

    from cockpit import REPO_DIR

    child = "from cockpit import bench; print(round(bench.peak_rss_mb()))"
    parent = ("import subprocess, sys; held = bytearray(400 * 1024 * 1024); held[::4096] = b'1' * len(held[::4096]); "
              f"print(subprocess.run([sys.executable, '-c', {child!r}], capture_output=True, text=True).stdout)")
    done = subprocess.run([sys.executable, "-c", parent], capture_output=True, text=True, cwd=REPO_DIR, check=True)
    assert 10 < int(done.stdout.strip()) < 300, done.stdout + done.stderr
