"""Shared fixtures: an empty data folder per test, and the sample data built once per session."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder that the store, queries and pages use for this test."""
    root = tmp_path / "data"
    root.mkdir()
    monkeypatch.setenv("COCKPIT_DATA_DIR", str(root))
    return root


@pytest.fixture(scope="session")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded sample data, generated once through the real import (slow: built once)."""
    from cockpit import sample

    root = tmp_path_factory.mktemp("sample") / "data"
    sample.generate(root, seed=2020, projects=1500)
    return root


@pytest.fixture
def sample_data(sample_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COCKPIT_DATA_DIR", str(sample_root))
    return sample_root
