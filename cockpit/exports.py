"""Files users take away: PNG charts for briefings (kaleido + system Chromium) and .xlsx tables."""
from __future__ import annotations

import io
import os
import shutil
import threading

import plotly.graph_objects as go
import polars as pl

from cockpit.charts import theme

_server_lock = threading.Lock()
_server_started = False
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _browser_path() -> str | None:
    return os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def _ensure_server() -> None:
    """One persistent kaleido server per process: MathJax off, the plotly.js that plotly.py ships."""
    global _server_started
    with _server_lock:
        if _server_started:
            return
        import kaleido

        browser = _browser_path()
        if browser:
            os.environ.setdefault("BROWSER_PATH", browser)
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        _server_started = True


def figure_png(fig: go.Figure, title: str, data_date: str | None = None,
               width: int = theme.EXPORT_WIDTH, height: int = theme.EXPORT_HEIGHT,
               scale: int = theme.EXPORT_SCALE) -> bytes:
    """The figure as a print-quality PNG with its title and data date in the image."""
    import kaleido

    export = go.Figure(fig)
    theme.apply(export)
    subtitle = f"数据截至{data_date}" if data_date else ""
    export.update_layout(
        title={"text": f"{title}<br><sup>{subtitle}</sup>" if subtitle else title},
        width=width, height=height, margin={"t": 120},
    )
    _ensure_server()
    return kaleido.calc_fig_sync(export, opts={"format": "png", "width": width, "height": height,
                                               "scale": scale})


def safe_cell(value: object) -> object:
    """Text that Excel would read as a formula gets a leading quote mark (')."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def table_xlsx(frame: pl.DataFrame, sheet_name: str = "数据") -> bytes:
    """An .xlsx with the frame's (Chinese) headers; no cell can start a formula."""
    text_cols = [c for c, t in frame.schema.items() if t == pl.String]
    safe = frame.with_columns(
        pl.when(pl.col(c).str.contains(r"^[=+\-@\t\r]")).then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c)).alias(c) for c in text_cols
    )
    buffer = io.BytesIO()
    safe.write_excel(buffer, worksheet=sheet_name[:31], autofit=True,
                     header_format={"bold": True, "bg_color": "#DDEBF7"})
    return buffer.getvalue()
