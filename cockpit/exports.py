"""Files users take away: PNG charts for briefings (kaleido + system Chromium) and formula-safe .xlsx tables.

PNG: one persistent kaleido server per process renders every chart in the system Chromium, with MathJax off and
the plotly.js that the installed plotly package ships (a file:// URL). Chromium is started with its background
services off, host names resolving to nothing and a proxy on a closed loopback port, so neither the page nor the
browser can fetch anything from another host (tests/test_exports.py records the page's requests over the DevTools
protocol and reads Chromium's net log; tests/security/test_outbound.py runs a render under strace and finds no
connect() or send to any address but loopback).
"""
from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
import shutil
import threading
import unicodedata
from pathlib import Path

import plotly
import plotly.graph_objects as go
import polars as pl

from cockpit import labels
from cockpit.charts import theme
from cockpit.text import plot_text

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
RENDER_TIMEOUT_SECONDS = 90
# Chromium flags on top of kaleido's: no background networking (component / safe-browsing / search-engine
# pre-connects the Debian build does), no pings, and every host name resolving to nothing, so no DNS query and
# no connection can leave (Chromium still *tries* a few profile services — account list, update check — which
# fail at once; tests/test_exports.py reads Chromium's net log to prove it). The page loads only file:// URLs.
OFFLINE_FLAGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-default-apps",
    "--no-pings",
    "--no-service-autorun",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--disable-features=MediaRouter,OptimizationHints,Translate,AutofillServerCommunication,"
    "NetworkTimeServiceQuerying,InterestFeedContentSuggestions",
    # Two browser services still ask at start-up: the component updater (update.googleapis.com, despite
    # --disable-component-update) and the account service (accounts.google.com/ListAccounts; no switch or policy
    # stops it). Any request that reaches the network stack — even one to the dead proxy on loopback — first makes
    # the host resolver probe IPv6 with a UDP connect() to a public DNS address (2001:4860:4860::8888, port 443),
    # which an intranet firewall logs as an attempt to leave. Pointing both services at an empty data: URL makes
    # them fail inside the browser, before any resolver or socket (tests/security/test_outbound.py, under strace).
    "--component-updater=url-source=data:,",
    '--gaia-config-contents={"urls":{"list_accounts_url":{"url":"data:,"}}}',
)
# Any http(s) request that slipped past the flags goes to this closed port and fails at once.
DEAD_PROXY = "http://127.0.0.1:9"

_server_lock = threading.Lock()  # starting / restarting the server
_render_lock = threading.Lock()  # kaleido's sync server answers one caller at a time

# Text Excel (or a CSV importer) would read as a formula: = + - @, and tab / CR / LF in front of them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


class ExportError(RuntimeError):
    """The PNG could not be rendered (no Chromium, or it failed)."""


def browser_path() -> str | None:
    """The Chromium kaleido drives: $BROWSER_PATH, else the system chromium."""
    for candidate in (os.environ.get("BROWSER_PATH"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _offline_browser_class():
    from choreographer.browsers.chromium import Chromium

    class OfflineChromium(Chromium):
        """kaleido's Chromium with the offline flags appended."""

        def get_cli(self):
            # about:blank as the first page: otherwise Chromium opens its new-tab page, which the Debian build
            # points at a search engine's start page.
            return [*super().get_cli(), *OFFLINE_FLAGS, "about:blank"]

    return OfflineChromium


def server_options() -> dict:
    """Keyword arguments of the kaleido server (also what the tests check)."""
    return {
        "path": browser_path(),
        "browser_cls": _offline_browser_class(),
        "plotlyjs": str(PLOTLY_JS),
        "mathjax": False,
        "proxy_server": DEAD_PROXY,
        "enable_extensions": False,
        "timeout": RENDER_TIMEOUT_SECONDS,
    }


def _server_alive() -> bool:
    import kaleido

    server = kaleido._global_server  # noqa: SLF001 — kaleido has no public "is it still alive"
    thread = getattr(server, "_thread", None)
    return server.is_running() and thread is not None and thread.is_alive()


def _ensure_server() -> None:
    """Starts the process's kaleido server once, and again if its browser thread has died."""
    import kaleido

    with _server_lock:
        if _server_alive():
            return
        if kaleido._global_server.is_running():  # noqa: SLF001 — a dead thread: reset before restarting
            kaleido.stop_sync_server(silence_warnings=True)
        options = server_options()
        if not options["path"]:
            raise ExportError("未找到 Chromium，无法导出PNG（请安装系统 chromium，或设置 BROWSER_PATH）")
        if not PLOTLY_JS.is_file():
            raise ExportError(f"plotly 包中缺少 {PLOTLY_JS.name}，无法离线导出PNG")
        kaleido.start_sync_server(silence_warnings=True, **options)


def export_figure(fig: go.Figure, title: str, data_date: str | None = None,
                  width: int = theme.EXPORT_WIDTH, height: int = theme.EXPORT_HEIGHT) -> go.Figure:
    """A copy of the figure laid out for a briefing: our theme at print sizes, title and data date on top.
    The title often holds a 项目名称: plotly would read tags in it (<b>, <a href>), so it is shown as text."""
    export = go.Figure(fig)
    theme.apply(export, export=True)
    subtitle = f"数据截至{data_date}" if data_date else ""
    margin = export.layout.margin
    export.update_layout(
        title={"text": plot_text(title), "x": 0.02, "xanchor": "left", "xref": "container",
               "y": 0.965, "yanchor": "top", "yref": "container",
               "font": {"family": theme.FONT_FAMILY, "size": theme.EXPORT_TITLE_FONT_SIZE,
                        "color": theme.COLORS["text"]},
               "subtitle": {"text": subtitle, "font": {"family": theme.FONT_FAMILY,
                                                       "size": theme.EXPORT_SUBTITLE_FONT_SIZE,
                                                       "color": theme.COLORS["muted"]}}},
        width=width, height=height,
        # the legend (template: just above the plot) sits between the subtitle and the plot
        margin={"t": 250, "l": max(margin.l or 0, 80), "r": max(margin.r or 0, 60), "b": max(margin.b or 0, 80)},
    )
    export.update_yaxes(title_standoff=24)
    export.update_xaxes(title_standoff=16)
    return export


def figure_png(fig: go.Figure, title: str, data_date: str | None = None,
               width: int = theme.EXPORT_WIDTH, height: int = theme.EXPORT_HEIGHT,
               scale: int = theme.EXPORT_SCALE) -> bytes:
    """The figure as a print-quality PNG (width×height at `scale`) with its title and data date in the image."""
    import kaleido

    export = export_figure(fig, title, data_date, width, height)
    _ensure_server()
    with _render_lock:
        png = kaleido.calc_fig_sync(export, opts={"format": "png", "width": width, "height": height,
                                                  "scale": scale})
    if not isinstance(png, bytes) or not png.startswith(PNG_SIGNATURE):
        raise ExportError("PNG 渲染失败")
    return png


def safe_cell(value: object) -> object:
    """Text that Excel would read as a formula gets a leading quote mark ('); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _display_width(text: str) -> int:
    """Columns a text takes in Excel: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def _plain(value: object) -> object:
    """A polars value as something a worksheet cell holds (nested values become text)."""
    if isinstance(value, (list, tuple, dict)):
        return "、".join(map(str, value)) if not isinstance(value, dict) else str(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def table_xlsx(frame: pl.DataFrame, sheet_name: str = "数据") -> bytes:
    """An .xlsx of the frame with its (Chinese) headers: numbers and dates as real cells, and no cell that can
    start a formula (written as text, and text starting with = + - @ gets a leading ')."""
    return tables_xlsx({sheet_name: frame})


def tables_xlsx(sheets: dict[str, pl.DataFrame]) -> bytes:
    """One .xlsx with a sheet per frame (sheet name -> frame), each written as table_xlsx writes one."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
    })
    header_format = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                         "valign": "vcenter"})
    formats = {
        "int": workbook.add_format({"num_format": "#,##0"}),
        "float": workbook.add_format({"num_format": "#,##0.00"}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
    }
    for sheet_name, frame in sheets.items():
        _write_sheet(workbook, workbook.add_worksheet(_sheet_title(sheet_name)), frame, header_format, formats)
    workbook.close()
    return buffer.getvalue()


def _write_sheet(workbook, sheet, frame: pl.DataFrame, header_format, formats: dict) -> None:
    widths = []
    for col, (name, dtype) in enumerate(frame.schema.items()):
        header = str(safe_cell(str(name)))
        sheet.write_string(0, col, header, header_format)
        width = _display_width(header)
        kind = ("int" if dtype.is_integer() else "float" if dtype.is_float() or dtype.is_decimal()
                else "datetime" if dtype == pl.Datetime else "date" if dtype == pl.Date else "text")
        number_format = labels.excel_format(str(name)) if kind in ("int", "float") else None
        cell_format = workbook.add_format({"num_format": number_format}) if number_format else formats.get(kind)
        for row, value in enumerate(frame[name].to_list(), start=1):
            value = _plain(value)
            if value is None:
                continue
            if kind in ("int", "float"):
                number = float(value)
                if math.isfinite(number):
                    sheet.write_number(row, col, number, cell_format)
                    width = max(width, _display_width(_cell_text(number if kind == "float" else int(number))))
            elif kind == "datetime" and isinstance(value, dt.datetime):
                sheet.write_datetime(row, col, value.replace(tzinfo=None), formats["datetime"])
                width = max(width, 19)
            elif kind == "date" and isinstance(value, dt.date):
                sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), formats["date"])
                width = max(width, 10)
            else:
                text = str(safe_cell(value if isinstance(value, str) else str(value)))
                sheet.write_string(row, col, text)
                width = max(width, _display_width(text))
        widths.append(width)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(max(width + 2, 8), 60))
    sheet.freeze_panes(1, 0)


_FILE_NAME_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def file_name(*parts: object) -> str:
    """A download's name from its title and the filters it was made with, blanks left out:
    file_name("分级预警清单", "海宁市", "红", "2020-12") -> "分级预警清单_海宁市_红_2020-12". No characters that
    Windows or a browser refuse in a file name."""
    return "_".join(_FILE_NAME_UNSAFE.sub("-", str(p)).strip("-") for p in parts if p not in (None, "", ()))


def _sheet_title(name: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, not empty."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in str(name)).strip("'") or "数据"
    return cleaned[:31]


def plain_png(fig: go.Figure, width: int, height: int, scale: int = theme.EXPORT_SCALE) -> bytes:
    """The figure as it is laid out (no title added), width×height at `scale`: the 例会 slides."""
    import kaleido

    _ensure_server()
    with _render_lock:
        png = kaleido.calc_fig_sync(fig, opts={"format": "png", "width": width, "height": height, "scale": scale})
    if not isinstance(png, bytes) or not png.startswith(PNG_SIGNATURE):
        raise ExportError("PNG 渲染失败")
    return png
