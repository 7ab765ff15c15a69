"""The shared sidebar selection (month, unit, meeting mode), read by every page."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from cockpit import store, units

MONTH_KEY = "filter_month"
UNIT_KEY = "filter_unit"
MEETING_KEY = "meeting_mode"


@dataclass(frozen=True)
class Filters:
    month: str  # "YYYY-MM", the snapshot month
    unit: str  # a unit id or units.CITY_ID
    meeting_mode: bool

    @property
    def year(self) -> int:
        return int(self.month[:4])

    @property
    def month_number(self) -> int:
        return int(self.month[5:])

    @property
    def month_label(self) -> str:
        return f"{self.year}年{self.month_number}月"

    @property
    def unit_label(self) -> str:
        return units.unit_name(self.unit)

    @property
    def previous_month(self) -> str:
        year, mon = self.year, self.month_number - 1
        if mon == 0:
            year, mon = year - 1, 12
        return f"{year:04d}-{mon:02d}"


def month_label(month: str) -> str:
    return f"{int(month[:4])}年{int(month[5:])}月"


def unit_options() -> list[str]:
    return [units.CITY_ID, *(u.id for u in units.UNITS)]


def render_sidebar(generation: int | None = None) -> None:
    """Draws the shared filters; app.py calls this on every run, before the page, with the pinned generation."""
    months = store.months()
    if months:
        st.sidebar.selectbox("数据月份", months[::-1], key=MONTH_KEY, format_func=month_label)
    st.sidebar.selectbox("县级主体", unit_options(), key=UNIT_KEY, format_func=units.unit_name)
    st.sidebar.toggle("会议模式（大字）", key=MEETING_KEY,
                      help="投影用：放大字号，隐藏次要信息")
    if generation is not None:
        with st.sidebar:
            _update_note(generation)


@st.fragment(run_every=30)
def _update_note(shown: int) -> None:
    """Tells a user looking at an older render that a newer import has landed (checked every 30 s)."""
    newest = store.generation()
    if newest > shown:
        when = store.imported_at(gen=newest)
        st.info(f"数据已更新（{when:%m-%d %H:%M} 导入），刷新页面即可查看" if when else "数据已更新，刷新页面即可查看")


def current() -> Filters:
    """The selection; defaults to the newest month and 全市 when a page runs on its own (tests)."""
    months = store.months()
    month = st.session_state.get(MONTH_KEY)
    if month not in months:
        month = months[-1] if months else None
    return Filters(month=month, unit=st.session_state.get(UNIT_KEY, units.CITY_ID),
                   meeting_mode=bool(st.session_state.get(MEETING_KEY, False)))


def require_data(f: Filters) -> None:
    """Stops the page with a clear hint when no snapshot has been imported yet."""
    if f.month is None:
        st.info("尚未导入任何数据。请在“数据管理”页导入，或运行 `python -m cockpit sample` 生成示例数据。")
        st.stop()
