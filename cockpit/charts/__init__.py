"""Rendering helpers every page uses: a themed chart with a PNG download, a table with an .xlsx download."""
from __future__ import annotations

import re
from urllib.parse import quote

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from cockpit import exports, labels
from cockpit.charts import theme


def _key(prefix: str, name: str) -> str:
    return prefix + "_" + re.sub(r"\W+", "_", name)


def show(fig: go.Figure, name: str, data_date: str | None = None, height: int | None = None) -> None:
    """A chart in our theme, with a 导出PNG button that renders it server-side when clicked."""
    theme.apply(fig)
    if height:
        fig.update_layout(height=height)
    st.plotly_chart(fig, theme=None, width="stretch", key=_key("chart", name),
                    config={"displaylogo": False, "toImageButtonOptions": {"filename": name}})
    no_browser = exports.browser_path() is None
    st.download_button("导出PNG", data=lambda: exports.figure_png(fig, name, data_date),
                       file_name=f"{name}.png", mime="image/png", key=_key("png", name),
                       on_click="ignore", icon=":material/image:", disabled=no_browser,
                       help="服务器未安装 Chromium，无法导出PNG" if no_browser else
                       "1920×1080（2倍清晰度），含标题与数据日期，可直接贴入通报")


PROJECT_PAGE = "project_explorer"  # url path of pages/project_explorer.py, which reads ?project=
# The link shows the project's name, which rides in the link as ?name= (the page drops it), first, so the column
# sorts by name; percent-encoded, as Streamlit shows the regex's group through decodeURIComponent ("+" = space).
_LINK_TEXT = r"\?name=([^&]*)"
# The table toolbar's tooltips are English ("Download as CSV", "Search", "Fullscreen"); Streamlit cannot translate
# them, so they are hidden while the pointer is on a toolbar button (the icons stay). Its CSV download is hidden
# too: the table's 导出Excel is the export (numbers as numbers, Chinese that Excel opens correctly).
TOOLBAR_STYLE = """<style>
body:has([data-testid="stElementToolbarButton"]:hover) [data-testid="stTooltipContent"] {display: none;}
[data-testid="stElementToolbarButton"]:has(button[aria-label^="Download as CSV"]) {display: none;}
</style>"""


def project_link(code: str | None, name: str | None) -> str | None:
    """The relative link to a project's view on 项目查询, showing the project's name."""
    if not code or code == "—":
        return None
    return f"{PROJECT_PAGE}?name={quote(name or code, safe='')}&project={quote(code, safe='')}"


def _shown(frame: pl.DataFrame, links: bool) -> tuple[pl.DataFrame, dict]:
    """The frame as the screen shows it, and the column formats: dates as dates, numbers as cockpit.labels says,
    project names as links to the project (when the frame has 项目名称 and 项目代码)."""
    config: dict = {}
    for name, dtype in frame.schema.items():
        if dtype == pl.Date:
            config[name] = st.column_config.DateColumn(name, format="YYYY-MM-DD")
        elif dtype.is_numeric() and (number_format := labels.number_format(name)):
            config[name] = st.column_config.NumberColumn(name, format=number_format)
    name_col, code_col = labels.header("project_name"), labels.header("project_code")
    if links and name_col in frame.columns and code_col in frame.columns:
        frame = frame.with_columns(pl.Series(name_col, [
            project_link(code, name) for code, name in zip(frame[code_col], frame[name_col])], dtype=pl.String))
        config[name_col] = st.column_config.LinkColumn(name_col, display_text=_LINK_TEXT,
                                                       help="点击在新标签页打开项目详情")
    return frame, config


def show_table(frame: pl.DataFrame, name: str | None, height: int | None = None, links: bool = True,
               column_config: dict | None = None, export=None, **dataframe_kwargs):
    """A table with an 导出Excel button. Headers are the frame's (Chinese, from cockpit.labels); blanks show "—",
    numbers stay numbers (sorting, Excel). `name` is the file name (exports.file_name: title and filters); None
    for a table without an export (import checks, snapshot lists).

    `export`: what 导出Excel writes when it is not the frame shown (a frame, or a callable returning one, called
    only when the button is clicked): a list capped for the screen exports the whole list.
    Returns what st.dataframe returns, so a page can pass on_select=... and read the selection.
    """
    st.html(TOOLBAR_STYLE)
    shown, config = _shown(frame, links)
    shown_table = st.dataframe(shown, hide_index=True, width="stretch", height=height or "auto", placeholder="—",
                               column_config=config | (column_config or {}), **dataframe_kwargs)
    if name is None:
        return shown_table
    whole = frame if export is None else export
    st.download_button("导出Excel", data=lambda: exports.table_xlsx(whole() if callable(whole) else whole, name),
                       file_name=f"{name}.xlsx", key=_key("xlsx", name), on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/table:")
    return shown_table
