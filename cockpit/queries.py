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


@lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"not a query name: {name!r}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


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
        return _run_cached(reader.root, reader.generation, name, tuple(sorted(params.items())))


def pinned(generation: int | None = None):
    """Context in which every `run` reads one data generation (default: the newest now). app.py wraps each
    script run in it; briefings, slides and exports wrap their whole build."""
    return store.pinned(gen=generation)


@lru_cache(maxsize=256)
def _run_cached(root: str, generation: int, name: str, params: tuple) -> pl.DataFrame:
    reader = store.active_reader(root)  # alive: run() holds the pin while this executes
    cursor = reader.connection.cursor()
    try:
        return cursor.sql(sql_text(name), params=dict(params) or None).pl()
    finally:
        cursor.close()
