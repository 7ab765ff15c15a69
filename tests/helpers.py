"""Small builders for hand-checked fixture data: frames in the stored schema, written as real snapshots."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from cockpit import schema, store


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def frame(table: str, rows: list[dict]) -> pl.DataFrame:
    """A frame of `table` in its stored schema; columns not given are null. Date strings become dates."""
    stored = schema.stored_schema(schema.TABLES[table])
    full = []
    for row in rows:
        full.append({name: (d(row[name]) if dtype == pl.Date and isinstance(row.get(name), str)
                            else row.get(name)) for name, dtype in stored.items()})
    return pl.DataFrame(full, schema=stored)


def write(root: Path, period: str, **tables: list[dict]) -> int:
    """Writes the given tables (as lists of row dicts) as the snapshot of `period`."""
    writes = [store.SnapshotWrite(name, period, frame(name, rows)) for name, rows in tables.items()]
    return store.write_snapshot(writes, [store.SourceFile("fixture", "0" * 64)], root=root)


def project(code_serial: int, unit: str = "nanhu", **fields) -> dict:
    """A project row with required fields filled; override any field by keyword."""
    row = {
        "project_code": f"2020-330402-07-02-{code_serial:06d}",
        "project_name": f"测试项目{code_serial}",
        "unit_id": unit,
        "category": "制造业",
        "total_investment": 20000.0,
        "signed_on": "2020-01-10",
    }
    row.update(fields)
    return row


def run_page(file: str, month: str | None = None, unit: str = "city"):
    """Runs pages/<file> under AppTest with the sidebar's selection set; fails on any exception."""
    from streamlit.testing.v1 import AppTest

    from cockpit import REPO_DIR

    at = AppTest.from_file(str(REPO_DIR / "pages" / file), default_timeout=60)
    if month is not None:
        at.session_state["filter_month"] = month
    at.session_state["filter_unit"] = unit
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def record_downloads(monkeypatch) -> list[tuple[str, object]]:
    """From now on, the (file name, data or data callable) of every download button a page draws."""
    from streamlit.elements.widgets import button

    seen: list[tuple[str, object]] = []
    original = button.marshall_file

    def recording(coordinates, data, proto, mimetype, file_name=None, **kwargs):
        seen.append((file_name, data))
        return original(coordinates, data, proto, mimetype, file_name, **kwargs)

    monkeypatch.setattr(button, "marshall_file", recording)
    return seen


def linked_names(frame):
    """A shown table with its 项目名称 as links (project_explorer?name=<name>&project=<code>) -> the names shown."""
    from urllib.parse import parse_qs, urlsplit

    frame = frame.copy()
    frame["项目名称"] = [parse_qs(urlsplit(link).query)["name"][0] if isinstance(link, str) else link
                     for link in frame["项目名称"]]
    return frame


def dataframe_starting_with(at, *columns: str):
    """The first table on the page whose leading columns are the given (Chinese) headers."""
    return next(d.value for d in at.dataframe if list(d.value.columns[:len(columns)]) == list(columns))


def choose_tab(at, key: str, name: str):
    """Picks a page's view in its segmented control (pages draw only the chosen one) and reruns."""
    at.segmented_control(key=key).set_value(name).run()
    assert not at.exception, [e.value for e in at.exception]
    return at
