"""The hostile suite's data folder: it already holds a 2020-03 snapshot, so "nothing written" is a real check."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import project, write


@pytest.fixture
def seeded(data_root: Path) -> Path:
    write(data_root, "2020-03", projects=[project(1)])
    return data_root
