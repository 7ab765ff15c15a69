"""The shared sidebar selection (month, unit), read by every page and kept in the URL (`?month=2020-12&unit=city`),
so a reload, a bookmark or a shared link opens the same view. 会议模式 is the 例会 slides: the sidebar's link opens
the slide that matches the page."""
from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

from cockpit import store, units

MONTH_KEY = "filter_month"
UNIT_KEY = "filter_unit"
_RESTORED_KEY = "filters_from_url"
MISSING_MONTH_KEY = "filter_month_missing"  # a URL month without a snapshot (?month=2018-01): said on the page


@dataclass(frozen=True)
class Filters:
    month: str  # "YYYY-MM", the snapshot month
    unit: str  # a unit id or units.CITY_ID

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


def month_label(month: str) -> str:
    return f"{int(month[:4])}年{int(month[5:])}月"


def unit_options() -> list[str]:
    return [units.CITY_ID, *(u.id for u in units.UNITS)]


def restore_from_url(months: list[str]) -> None:
    """Once per session (a fresh load, a reload, a bookmark): the URL's month and unit become the selection.
    Values that are not a known month or unit are ignored (a well-formed month without data is said on the page)."""
    if st.session_state.get(_RESTORED_KEY):
        return
    st.session_state[_RESTORED_KEY] = True
    params = st.query_params
    if params.get("month") in months:
        st.session_state[MONTH_KEY] = params["month"]
    elif months and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", params.get("month") or ""):
        st.session_state[MISSING_MONTH_KEY] = params["month"]
    if params.get("unit") in unit_options():
        st.session_state[UNIT_KEY] = params["unit"]


def write_url(f: Filters) -> None:
    """The selection into the URL (page switches clear it; app.py writes it back on every run)."""
    wanted = {"month": f.month, "unit": f.unit}
    for name, value in wanted.items():
        if value and st.query_params.get(name) != value:
            st.query_params[name] = value
    if "meeting" in st.query_params:  # the old 会议模式 flag of earlier links: the slides replaced it
        del st.query_params["meeting"]


def switch_page(page: str) -> None:
    """st.switch_page keeping the selection: it goes into the new page's URL and is read back from there (a switch
    from a page's script loses the sidebar widgets' values)."""
    f = current()
    params = {"month": f.month, "unit": f.unit}
    st.session_state.pop(_RESTORED_KEY, None)
    st.switch_page(page, query_params={k: v for k, v in params.items() if v})


def meeting_link(page_path: str | None) -> None:
    """会议模式: a sidebar link to the 例会 slide that matches the page (县市区排名 → its slide; its 年度累计 view → 年度考核),
    month and unit kept. The view is the page's tab bar (key `<page>_tab`), whose value is set before this run."""
    from cockpit.views import meeting

    f = current()
    if f.month is None:
        return
    tab = st.session_state.get(f"{meeting.page_name(page_path or '')}_tab")
    st.sidebar.page_link("pages/meeting.py", label="会议模式（例会幻灯片）", icon=":material/slideshow:",
                         query_params={"month": f.month, "unit": f.unit,
                                       "slide": str(meeting.slide_for_page(page_path or "", tab))},
                         help="投影用：打开本页对应的例会幻灯片（→ PageDown 下一页，Esc 返回首页）")


def render_sidebar(generation: int | None = None) -> None:
    """Draws the shared filters; app.py calls this on every run, before the page, with the pinned generation."""
    months = store.months()
    restore_from_url(months)
    if months:
        st.sidebar.selectbox("数据月份", months[::-1], key=MONTH_KEY, format_func=month_label)
    st.sidebar.selectbox("县级主体", unit_options(), key=UNIT_KEY, format_func=units.unit_name)
    write_url(current())
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
    return Filters(month=month, unit=st.session_state.get(UNIT_KEY, units.CITY_ID))


def missing_month_note(f: Filters) -> str | None:
    """无2018年1月数据，显示最近的2020年12月: while the page shows the newest month in place of a URL month that has
    no snapshot; None once another month is chosen."""
    asked = st.session_state.get(MISSING_MONTH_KEY)
    if not asked or f.month is None or f.month != store.months()[-1]:
        st.session_state.pop(MISSING_MONTH_KEY, None)
        return None
    return f"无{month_label(asked)}数据，显示最近的{month_label(f.month)}"


def require_data(f: Filters) -> None:
    """Stops the page with a clear hint when no snapshot has been imported yet; says when the month asked for in
    the URL has no data and another is shown."""
    if f.month is None:
        st.info("尚未导入任何数据。请在“数据管理”页导入，或运行 `python -m cockpit sample` 生成示例数据。")
        st.stop()
    note = missing_month_note(f)
    if note:
        st.warning(note, icon=":material/event_busy:")
