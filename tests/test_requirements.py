"""`make run` installs only requirements.txt: every third-party module the app imports must be pinned there."""
from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions

from cockpit import REPO_DIR

APP_SOURCES = [REPO_DIR / "app.py", *sorted((REPO_DIR / "pages").glob("*.py")),
               *sorted((REPO_DIR / "cockpit").rglob("*.py"))]


def imported_modules() -> set[str]:
    names = set()
    for path in APP_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "cockpit"}


def pinned(path) -> set[str]:
    lines = [line.split("#")[0].strip() for line in path.read_text().splitlines()]
    return {re.split(r"[\[=<>]", line)[0].lower().replace("_", "-") for line in lines if line and "==" in line}


def test_every_runtime_import_is_pinned_in_requirements_txt():
    distributions = packages_distributions()
    runtime = pinned(REPO_DIR / "requirements.txt")
    # Modules that come with a pinned package rather than under their own name.
    provided_by = {"pandera": "pandera", "streamlit": "streamlit", "PIL": "streamlit"}
    missing = []
    for module in sorted(imported_modules()):
        dists = {d.lower().replace("_", "-") for d in distributions.get(module, [])}
        if not (dists & runtime or provided_by.get(module) in runtime):
            missing.append((module, sorted(dists)))
    assert missing == []


def test_the_check_would_catch_a_dev_only_package():
    runtime = pinned(REPO_DIR / "requirements.txt")
    assert "pytest" not in runtime and "playwright" not in runtime
    assert {"streamlit", "duckdb", "polars", "plotly", "pydeck", "pyarrow", "shapely"} <= runtime
