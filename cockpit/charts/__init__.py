"""Rendering helpers every page uses: a themed chart with a PNG download, a table with an .xlsx download."""
from __future__ import annotations

import re

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from cockpit import exports
from cockpit.charts import theme


def _key(prefix: str, name: str) -> str:
    return prefix + "_" + re.sub(r"\W+", "_", name)


def show(fig: go.Figure, name: str, data_date: str | None = None, meeting_mode: bool = False,
         height: int | None = None) -> None:
    """A chart in our theme, with a 导出PNG button that renders it server-side when clicked."""
    theme.apply(fig, meeting_mode=meeting_mode)
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


def show_table(frame: pl.DataFrame, name: str, height: int | None = None, **dataframe_kwargs):
    """A table with an 导出Excel button; headers are whatever (Chinese) names the frame carries.

    Returns what st.dataframe returns, so a page can pass on_select=... and read the selection.
    """
    shown = st.dataframe(frame, hide_index=True, width="stretch", height=height or "auto", **dataframe_kwargs)
    st.download_button("导出Excel", data=lambda: exports.table_xlsx(frame, name),
                       file_name=f"{name}.xlsx", key=_key("xlsx", name), on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/table:")
    return shown
