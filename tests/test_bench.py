"""The benchmark covers every query file (none skipped for lack of parameters) and its report adds up."""
import polars as pl

from cockpit import bench


def test_bench_times_every_query_at_each_scale(tmp_path, monkeypatch):
    monkeypatch.setattr(bench.tempfile, "mkdtemp", lambda prefix: str(tmp_path))
    results = bench.run([120, 240], repeat=1)
    expected = set(bench._query_names())
    for scale in (120, 240):
        timed = set(results.filter(pl.col("scale") == scale)["query"])
        assert timed == expected
    assert (results["ms"] > 0).all() and (results["parquet_ms"] > 0).all()
    text = bench.report(results)
    assert "规模     240" in text and "home__row_counts" in text
