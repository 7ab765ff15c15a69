"""Runs the SQL files in queries/ with DuckDB named parameters and returns polars frames."""
from __future__ import annotations

import re
from functools import lru_cache

import polars as pl

from cockpit import REPO_DIR, store

QUERY_DIR = REPO_DIR / "queries"
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT = re.compile(r"--[^\n]*")
_STRING = re.compile(r"'(?:[^']|'')*'")
# `-- @include other_query` on a line of its own is replaced by that query's text (a layered query reuses a
# page query as a CTE without copying it); the included file's $parameters become this file's. The included
# query's final `order by` (a line of its own, no limit after it) is dropped: a CTE has no order, and DuckDB
# sorted the whole included result anyway (explorer__projects inside a 2,000-row list: 2.5 s instead of 0.4 s at
# 1,500,000 projects).
_INCLUDE = re.compile(r"^-- @include ([a-z0-9_]+)[ \t]*$", re.MULTILINE)
_FINAL_ORDER = re.compile(r"\n[ \t]*order by [^\n;()]*\s*;?\s*\Z", re.IGNORECASE)


def _included(name: str) -> str:
    return _FINAL_ORDER.sub("\n", sql_text(name)).rstrip().rstrip(";")


@lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"not a query name: {name!r}")
    text = (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return _INCLUDE.sub(lambda m: _included(m.group(1)), text)


def param_names(sql: str) -> set[str]:
    return set(_PARAM.findall(_STRING.sub("''", _COMMENT.sub("", sql))))


def run(name: str, **params) -> pl.DataFrame:
    """Execute queries/<name>.sql on the generation pinned for this run (see `pinned`), else on the newest;
    the keyword arguments must be exactly the file's $parameters."""
    sql = sql_text(name)
    expected = param_names(sql)
    if set(params) != expected:
        raise TypeError(f"{name}.sql takes {sorted(expected)}, got {sorted(params)}")
    with store.pinned() as reader:  # a run already pinned keeps its generation; else pinned for this call
        # list parameters (ranking weights) are cached as tuples and passed to DuckDB as lists again
        key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
        return _run_cached(reader.root, reader.generation, name, key)


def pinned(generation: int | None = None):
    """Context in which every `run` reads one data generation (default: the newest now). app.py wraps each
    script run in it; briefings, slides and exports wrap their whole build."""
    return store.pinned(gen=generation)


@lru_cache(maxsize=256)
def _run_cached(root: str, generation: int, name: str, params: tuple) -> pl.DataFrame:
    reader = store.active_reader(root)  # alive: run() holds the pin while this executes
    cursor = reader.connection.cursor()
    try:
        values = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
        return cursor.sql(sql_text(name), params=values or None).pl()
    finally:
        cursor.close()
