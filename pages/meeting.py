"""例会: the monthly meeting as slides, one figure per screen on a 1920×1080 canvas scaled to the window.

URL: /meeting?month=2020-12&unit=city&slide=3 (month and unit as every page keeps them; slide here), optional
&metric=<map metric> for the map slide and &auto=30 to move on every 30 seconds.
Keys: → PageDown Space Enter next, ← PageUp previous, Home End, Esc back to 首页; the 月度通报 pack from the cover.
This is 会议模式: every page's sidebar link opens it at the slide of the page's subject.
"""
import time

import streamlit as st

from cockpit import briefing, filters
from cockpit.components import slide_keys
from cockpit.components.briefing_button import briefing_button
from cockpit.views import meeting as view

SLIDE_KEY = "meeting_slide"
KEYS_KEY = "meeting_keys"
EXIT_KEY = "meeting_exit"
SHOWN_KEY = "meeting_shown"  # (slide, since when) for auto-advance
TOTAL = len(view.SLIDES)

# No sidebar, header, toolbar or scrollbar; the slide scaled by --slide-scale (set by the keys component).
CSS = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"] {{display: none !important;}}
html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
  overflow: hidden !important; background: #111827;}}
[data-testid="stMainBlockContainer"] {{padding: 0 !important; max-width: none !important;}}
.st-key-slide_chrome {{display: none !important;}}
/* The slide box has the scaled size; inside it the chart keeps the 1920×1080 design size (Streamlit measures that
   box to size the figure: a transformed box would measure small and shrink the figure twice), and only the
   plotly drawing is scaled. */
.st-key-slide {{
  position: fixed !important; overflow: hidden; background: white; z-index: 1;
  width: calc({view.WIDTH}px * var(--slide-scale, 0.5)) !important;
  height: calc({view.HEIGHT}px * var(--slide-scale, 0.5)) !important;
  left: calc((100vw - {view.WIDTH}px * var(--slide-scale, 0.5)) / 2);
  top: calc((100vh - {view.HEIGHT}px * var(--slide-scale, 0.5)) / 2);}}
.st-key-slide [data-testid="stElementContainer"], .st-key-slide [data-testid="stFullScreenFrame"],
.st-key-slide [data-testid="stPlotlyChart"] {{
  width: {view.WIDTH}px !important; min-width: {view.WIDTH}px !important; max-width: none !important;
  height: {view.HEIGHT}px !important;}}
.st-key-slide .js-plotly-plot {{transform: scale(var(--slide-scale, 0.5)); transform-origin: 0 0;}}
.st-key-slide_title {{position: fixed !important; left: 0; top: 0; width: 1px !important; height: 1px !important;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap;}}
.st-key-briefing {{position: fixed !important; right: 1.5vw; bottom: 7vh; width: auto !important; z-index: 10;}}
</style>
"""


def _slide_from_url() -> int:
    return view.slide_number(st.query_params.get("slide"), TOTAL)


def on_key() -> None:
    if slide_keys.action(KEYS_KEY) == "exit":
        st.session_state[EXIT_KEY] = True
    else:
        slide_keys.move_slide(SLIDE_KEY, KEYS_KEY, TOTAL, _slide_from_url())


f = filters.current()
with st.container(key="slide_chrome"):
    st.html(CSS)
    slide_keys.slide_keys(KEYS_KEY, on_key, view.WIDTH, view.HEIGHT)
with st.container(key="slide_title"):  # for screen readers (and tests); the slide carries its own title
    st.title("例会")
filters.require_data(f)
if st.session_state.pop(EXIT_KEY, False):  # Esc: back to 首页 (month and unit stay in the URL)
    filters.switch_page("pages/home.py")

if SLIDE_KEY not in st.session_state:  # a reload or a bookmark: the slide from the URL
    st.session_state[SLIDE_KEY] = _slide_from_url()
number = st.session_state[SLIDE_KEY]
st.query_params["slide"] = str(number)


def draw(number: int) -> None:
    slide = view.SLIDES[number - 1]
    frames = briefing.frames(f.month, f.unit, slide.needs)
    figure = view.build(number, frames, f.month, f.unit, st.query_params.get("metric", view.DEFAULT_MAP_METRIC),
                        filters.missing_month_note(f) or "")
    with st.container(key="slide"):
        # fixed pixel sizes: the chart box keeps the design size, only the drawing is scaled (CSS above)
        st.plotly_chart(figure, theme=None, width=view.WIDTH, height=view.HEIGHT, key="slide_figure",
                        config={"displayModeBar": False, "responsive": False})


auto = view.auto_seconds(st.query_params.get("auto"))
if auto:  # ?auto=30: the slide's fragment reruns on a timer and moves on after `auto` seconds
    @st.fragment(run_every=auto)
    def auto_slide() -> None:
        shown_number, shown = view.auto_advance(st.session_state[SLIDE_KEY], st.session_state.get(SHOWN_KEY),
                                                time.monotonic(), auto, TOTAL)
        st.session_state[SLIDE_KEY], st.session_state[SHOWN_KEY] = shown_number, shown
        st.query_params["slide"] = str(shown_number)
        draw(shown_number)

    auto_slide()
else:
    draw(number)

if number == 1:
    with st.container(key="briefing"):
        briefing_button(f.month, f.unit, f"{f.month_label}　{f.unit_label}", key="briefing_make")
