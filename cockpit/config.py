"""Reads config/cockpit.toml once; `COCKPIT_CONFIG` points at another file (tests use that)."""
from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path

from cockpit import REPO_DIR


def config_path() -> Path:
    return Path(os.environ.get("COCKPIT_CONFIG", REPO_DIR / "config" / "cockpit.toml"))


@lru_cache(maxsize=4)
def _load(path: str) -> dict:
    with open(path, "rb") as f:
        return tomllib.load(f)


def settings() -> dict:
    return _load(str(config_path()))


def section(name: str) -> dict:
    return settings()[name]
