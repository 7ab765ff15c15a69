"""Lists and map layers capped for the screen (config [display]): a page sends the browser at most list_rows rows
of a list (the whole list goes to the Excel export) and at most map_points points per map layer, and says so."""
from __future__ import annotations

import polars as pl

from cockpit import config


# The shipped values are in config/cockpit.toml [display]; these apply to a config file without that section.
DEFAULTS = {"list_rows": 2000, "map_points": 2000}


def _setting(key: str) -> int:
    return int(config.settings().get("display", {}).get(key, DEFAULTS[key]))


def list_rows() -> int:
    return _setting("list_rows")


def map_points() -> int:
    return _setting("map_points")


def capped(frame: pl.DataFrame, limit: int | None = None) -> pl.DataFrame:
    """The first `limit` rows, in the list's own order (the query's or the view's sort)."""
    return frame.head(list_rows() if limit is None else limit)


def cap_note(total: int, limit: int | None = None) -> str | None:
    """What the screen shows of a list longer than the cap; None when the whole list is shown."""
    limit = list_rows() if limit is None else limit
    return f"显示前{limit:,}条，共{total:,}条，导出Excel含全部。" if total > limit else None


def layer_note(drawn: int, located: int, what: str, unit: str = "个") -> str:
    """How many of the located points a map layer draws ('共5,000个有坐标，显示总投资最大的2,000个')."""
    if drawn >= located:
        return f"{located:,}{unit}有坐标"
    return f"共{located:,}{unit}有坐标，显示{what}最大的{drawn:,}{unit}"
