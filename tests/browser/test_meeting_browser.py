"""例会 in headless Chromium at three projector sizes: no scrollbar, nothing outside the window, key figures at
the issue's sizes, → moves the slide and a reload keeps it; slide-change timings are printed."""
from __future__ import annotations

import time

import pytest

from cockpit.views import meeting as view

pytestmark = pytest.mark.browser
SIZES = [(1920, 1080), (1280, 720), (1024, 768)]
# a big number; the others are lists, ranked bars and a map under a 56 px title
KEY_FIGURE_SLIDES = {i for i, s in enumerate(view.SLIDES, start=1)
                     if s.name in ("封面", "总量", "五未土地", "蜗牛项目", "红色预警", "问题清单",
                                   "一把手招商", "督查核查")}
TOTAL = len(view.SLIDES)

# Effective size of the slide's texts: their SVG font size times the slide's scale.
MEASURE = """() => {
  const scale = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--slide-scale'));
  const sizes = [...document.querySelectorAll('.st-key-slide .annotation-text, .st-key-slide .main-svg text')]
    .map(t => parseFloat(t.style.fontSize || getComputedStyle(t).fontSize)).filter(s => s > 0);
  const root = document.scrollingElement;
  const overflowing = [...document.querySelectorAll('.st-key-slide, .st-key-slide .main-svg')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.right > innerWidth + 1 || r.bottom > innerHeight + 1 || r.left < -1 || r.top < -1; })
    .map(e => { const r = e.getBoundingClientRect(); return [e.className.baseVal ?? e.className, r.left, r.top, r.right, r.bottom]; });
  const plot = document.querySelector('.st-key-slide .js-plotly-plot');
  const drawn = plot.querySelector('.main-svg').getBoundingClientRect();
  return {scale, layout: [plot._fullLayout.width, plot._fullLayout.height], drawn: [drawn.width, drawn.height], max: Math.max(...sizes) * scale, min: Math.min(...sizes) * scale,
          scrollHeight: root.scrollHeight, innerHeight, scrollWidth: root.scrollWidth, innerWidth, overflowing,
          counters: [...document.querySelectorAll('.st-key-slide .annotation-text')].map(t => t.textContent)
            .filter(t => /\\d+\\/\\d+$/.test(t))};
}"""
TOTAL = len(view.SLIDES)


def wait_for_slide(tab, number: int, timeout_ms: int = 60000) -> None:
    tab.wait_for_function(
        # the footer ends with the counter (a target such as 6/9个 must not pass for slide 6)
        "n => [...document.querySelectorAll('.st-key-slide .annotation-text')].some(t => t.textContent.endsWith(n))",
        arg=f"\u3000{number}/{TOTAL}", timeout=timeout_ms)
    tab.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms)


@pytest.mark.parametrize("width, height", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_slides_fit_and_keys_move(page, app_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/meeting?month=2020-12&unit=city&slide=1", wait_until="domcontentloaded")
    wait_for_slide(page, 1)
    timings = []
    for number in range(1, len(view.SLIDES) + 1):
        if number > 1:
            start = time.monotonic()
            page.keyboard.press("ArrowRight")
            wait_for_slide(page, number)
            timings.append(time.monotonic() - start)
        page.wait_for_timeout(300)
        m = page.evaluate(MEASURE)
        assert m["scrollHeight"] <= m["innerHeight"] and m["scrollWidth"] <= m["innerWidth"], (number, m)
        assert m["overflowing"] == [], (number, m["overflowing"])
        # laid out at the design size and drawn at the window's scale (not squeezed, not cut)
        assert m["layout"] == [1920, 1080], (number, m)
        assert abs(m["drawn"][0] - 1920 * m["scale"]) < 2 and abs(m["drawn"][1] - 1080 * m["scale"]) < 2, m
        scale = min(width / 1920, height / 1080)
        biggest = 96 if view.SLIDES[number - 1].name in KEY_FIGURE_SLIDES else view.TITLE_SIZE
        assert m["max"] >= biggest * scale - 0.5, (number, m)  # the key figure
        assert m["min"] >= 28 * scale - 0.5, (number, m)  # ≥ 28 px at 1920×1080, ≥ 14 px at 1024×768
        assert any(c.endswith(f"{number}/{TOTAL}") for c in m["counters"]), m["counters"]
    assert page.external_requests == [], page.external_requests
    print(f"\n{width}×{height} slide changes (s): " + " ".join(f"{t:.2f}" for t in timings)
          + f"  median {sorted(timings)[len(timings) // 2]:.2f}")
    # reload keeps the slide (and the URL carries month and unit)
    assert f"slide={TOTAL}" in page.url and "month=2020-12" in page.url and "unit=city" in page.url
    page.reload(wait_until="domcontentloaded")
    wait_for_slide(page, TOTAL)
    for key, expected in (("Home", 1), ("End", TOTAL), ("PageUp", TOTAL - 1), ("PageDown", TOTAL), ("ArrowRight", 1)):
        page.keyboard.press(key)
        wait_for_slide(page, expected)


def test_escape_leaves_for_home_keeping_month_and_unit(page, app_url):
    page.goto(f"{app_url}/meeting?month=2020-06&unit=haining&slide=2", wait_until="domcontentloaded")
    wait_for_slide(page, 2)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.pathname.includes('meeting')", timeout=60000)
    page.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=60000)
    assert "month=2020-06" in page.url and "unit=haining" in page.url


def test_auto_advance_moves_on_by_itself(page, app_url):
    page.goto(f"{app_url}/meeting?month=2020-12&unit=city&slide=4&auto=5", wait_until="domcontentloaded")
    wait_for_slide(page, 4)
    wait_for_slide(page, 5, timeout_ms=30000)
    # timed from 5 to 6: the first slide's interval starts on the server before the browser has drawn it, which on
    # a cold, loaded server takes seconds (4 → 5 was then shown after 1–2 s)
    start = time.monotonic()
    wait_for_slide(page, 6, timeout_ms=20000)
    assert 2.5 <= time.monotonic() - start <= 12


@pytest.mark.parametrize("close", ["click the control", "Escape", "click the slide"])
def test_keys_work_after_the_briefing_control(page, app_url, close):
    """The 月度通报 control kept keyboard focus after a click: the clicker then did nothing until a reload."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/meeting?month=2020-12&unit=city&slide=1", wait_until="domcontentloaded")
    wait_for_slide(page, 1)
    control = page.locator(".st-key-briefing [data-testid='stPopoverButton']")
    control.click()
    page.wait_for_selector("[data-testid='stPopoverBody']", timeout=10000)
    # as a presenter would, after the popover has opened: a click in its first ~100 ms, before Base Web listens for
    # clicks outside, leaves it open (measured: 4 of 12 clicks at once stayed open, 0 of 12 after 600 ms)
    page.get_by_role("button", name="生成月度通报").wait_for(timeout=10000)
    page.wait_for_timeout(600)
    if close == "click the control":
        control.click()
    elif close == "Escape":  # closes the popover, does not leave the meeting
        page.keyboard.press("Escape")
    else:
        page.mouse.click(400, 300)
    page.wait_for_selector("[data-testid='stPopoverBody']", state="detached", timeout=10000)
    assert "meeting" in page.url and "slide=1" in page.url
    page.keyboard.press("PageDown")
    wait_for_slide(page, 2)
    page.mouse.click(640, 360)  # a click on the slide does not take the keys either
    page.keyboard.press("PageDown")
    wait_for_slide(page, 3)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.pathname.includes('meeting')", timeout=60000)


def test_meeting_mode_link_opens_the_pages_slide(page, app_url):
    """会议模式 is the slides: on 县市区排名 at 1280×720 its sidebar link opens the 县市区排名 slide, month and unit kept."""
    from tests.browser.conftest import open_page

    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, app_url, "ranking?month=2020-06&unit=haining")  # the page has run and drawn: nothing reruns
    link = page.locator("[data-testid='stSidebar'] a:visible", has_text="会议模式（例会幻灯片）")  # (a hidden twin holds the help)
    link.wait_for(timeout=60000)
    link.click()
    page.wait_for_function("() => location.pathname.includes('meeting')", timeout=60000)
    wait_for_slide(page, view.slide_for_page("ranking"))
    assert "month=2020-06" in page.url and "unit=haining" in page.url
    page.wait_for_timeout(300)
    page.keyboard.press("PageDown")
    wait_for_slide(page, view.slide_for_page("ranking") + 1)
