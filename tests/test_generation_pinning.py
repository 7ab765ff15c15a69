"""One run reads one generation: an import landing between two queries of a pinned run is not seen by it."""
from __future__ import annotations

import threading

from cockpit import queries, store
from tests.helpers import project, write


def project_rows(result) -> int:
    return dict(result.select("table_title", "row_count").rows())["项目库"]


def test_an_import_between_two_queries_of_a_pinned_run_is_not_seen(data_root):
    first_generation = write(data_root, "2020-03", projects=[project(1)])
    with queries.pinned() as reader:
        before = queries.run("home__row_counts", month="2020-03")
        landed = write(data_root, "2020-03", projects=[project(1), project(2)])
        queries._run_cached.cache_clear()  # make the second call read the connection, not a cached frame
        after = queries.run("home__row_counts", month="2020-03")
        months = store.months()
    assert (reader.generation, landed) == (first_generation, first_generation + 1)
    assert project_rows(before) == project_rows(after) == 1
    assert months == ["2020-03"]
    assert project_rows(queries.run("home__row_counts", month="2020-03")) == 2  # the next run sees it


def test_a_pinned_generation_stays_readable_while_other_runs_move_on(data_root):
    write(data_root, "2020-03", projects=[project(1)])
    seen_by_other_run = []
    with queries.pinned():
        write(data_root, "2020-04", projects=[project(1), project(2), project(3)])
        # another session's run (its own thread, so its own context) pins the newest generation
        other = threading.Thread(target=lambda: seen_by_other_run.append(
            (store.generation(), store.months(), project_rows(queries.run("home__row_counts", month="2020-04")))))
        other.start()
        other.join()
        queries._run_cached.cache_clear()
        mine = store.connection().sql("select count(*) from projects").fetchall()
        assert store.months() == ["2020-03"]
    assert seen_by_other_run == [(2, ["2020-03", "2020-04"], 3)]
    assert mine == [(1,)]
    assert 1 not in store.open_generations()  # released once the run ended and a newer one exists


def test_an_explicit_generation_can_be_pinned(data_root):
    first = write(data_root, "2020-03", projects=[project(1)])
    write(data_root, "2020-03", projects=[project(1), project(2)])
    with queries.pinned(first):
        assert project_rows(queries.run("home__row_counts", month="2020-03")) == 1


def sidebar_of_a_run_that_read(generation: int):
    from streamlit.testing.v1 import AppTest

    def script(shown):
        from cockpit import filters

        filters.render_sidebar(shown)

    at = AppTest.from_function(script, args=(generation,), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return [info.value for info in at.sidebar.info]


def test_a_user_looking_at_an_older_render_is_told_that_data_was_updated(data_root):
    write(data_root, "2020-03", projects=[project(1)])
    newest = write(data_root, "2020-03", projects=[project(1), project(2)])
    when = store.imported_at(gen=newest)
    assert sidebar_of_a_run_that_read(newest - 1) == [f"数据已更新（{when:%m-%d %H:%M} 导入），刷新页面即可查看"]
    assert sidebar_of_a_run_that_read(newest) == []


def test_the_history_a_pinned_run_shows_agrees_with_its_figures(data_root):
    write(data_root, "2020-03", projects=[project(1)])
    with queries.pinned():
        write(data_root, "2020-03", projects=[project(1), project(2)])
        pinned_history = store.history().select("generation", "row_count", "is_current").rows()
    assert pinned_history == [(1, 1, True)]
    assert store.history().select("generation", "row_count", "is_current").rows() == [(2, 2, True), (1, 1, False)]
