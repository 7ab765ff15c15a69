"""例会 page and slides: every slide renders for 全市 and a unit, on the sample data and on an empty month; keys
advance and wrap; the slide comes from the URL; slide texts are the queries' numbers at slide sizes."""
from __future__ import annotations

import json

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from cockpit import REPO_DIR, briefing, metrics, queries
from cockpit.views import meeting as view
from cockpit.views import target_progress
from tests import helpers

PAGE = str(REPO_DIR / "pages" / "meeting.py")
TOTAL = len(view.SLIDES)  # other slides may be inserted: never the literal count


def slide_of(name: str) -> int:
    """The 1-based number of the slide with that name (slides are inserted over time: never a literal number)."""
    return next(i for i, s in enumerate(view.SLIDES, start=1) if s.name == name)


def run_slide(month: str, unit: str, slide: int | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["filter_month"] = month
    at.session_state["filter_unit"] = unit
    if slide is not None:
        at.query_params["slide"] = str(slide)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def spec(at: AppTest) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1  # one figure per slide, nothing else drawn
    return json.loads(charts[0].proto.spec)


def texts(figure: dict) -> list[str]:
    return [a.get("text", "") for a in figure["layout"].get("annotations", [])]


def font_sizes(node, inside_font=False, path=""):
    """Every font size in a figure's JSON, except hover labels and the (overridden) template."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("hoverlabel", "template"):  # hover is not shown; the template is overridden
                continue
            if key == "size" and inside_font and isinstance(value, (int, float)):
                yield path, value
            else:
                yield from font_sizes(value, inside_font or "font" in key, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from font_sizes(value, inside_font, f"{path}[{i}]")


@pytest.mark.parametrize("unit", ["city", "haining"])
def test_every_slide_renders_with_counter_date_and_sizes(sample_data, unit):
    for number in range(1, len(view.SLIDES) + 1):
        figure = spec(run_slide("2020-12", unit, number))
        assert (figure["layout"]["width"], figure["layout"]["height"]) == (1920, 1080)
        assert any(t.endswith(f"{number}/{TOTAL}</b>") and "数据截至2020年12月31日" in t for t in texts(figure)), number
        small = [(p, s) for p, s in font_sizes(figure) if s < view.TEXT_SIZE]
        assert not small, (number, small[:5])


def test_slide_from_the_url_and_default(sample_data):
    assert any(t.endswith(f"3/{TOTAL}</b>") for t in texts(spec(run_slide("2020-12", "city", 3))))
    assert any(t.endswith(f"1/{TOTAL}</b>") for t in texts(spec(run_slide("2020-12", "city", None))))
    assert any(t.endswith(f"1/{TOTAL}</b>") for t in texts(spec(run_slide("2020-12", "city", 42))))  # the cover


def test_empty_month_renders_every_slide(tmp_path, monkeypatch):
    """A month with a projects table and nothing else: no targets, no land, no indicators."""
    helpers.write(tmp_path, "2020-05", projects=[helpers.project(1)])
    monkeypatch.setenv("COCKPIT_DATA_DIR", str(tmp_path))
    for number in range(1, len(view.SLIDES) + 1):
        figure = spec(run_slide("2020-05", "city", number))
        assert any(t.endswith(f"{number}/{TOTAL}</b>") for t in texts(figure))


def test_keys_advance_and_wrap():
    n = TOTAL
    assert [view.step(k, "next") for k in (1, n - 1, n)] == [2, n, 1]
    assert [view.step(k, "prev") for k in (1, 2, n)] == [n, 1, n - 1]
    assert (view.step(5, "first"), view.step(5, "last"), view.step(5, "nonsense")) == (1, n, 5)
    assert [view.slide_number(t) for t in ("3", str(n), "0", str(n + 1), "x", None)] == [3, n, 1, 1, 1, 1]
    assert view.step(9, "next", 12) == 10 and view.slide_number("12", 12) == 12  # with more slides


def test_auto_advance_after_the_interval():
    assert [view.auto_seconds(t) for t in ("30", "5", "4", "601", "x", None)] == [30, 5, None, None, None, None]
    assert view.auto_advance(3, None, 100.0, 30) == (3, (3, 100.0))  # first shown: its interval starts
    assert view.auto_advance(3, (3, 100.0), 129.0, 30) == (3, (3, 100.0))  # not yet
    assert view.auto_advance(3, (3, 100.0), 129.6, 30) == (4, (4, 129.6))  # 30 s (less the slack): next
    assert view.auto_advance(TOTAL, (TOTAL, 0.0), 30.0, 30) == (1, (1, 30.0))  # wraps to the cover
    assert view.auto_advance(5, (3, 100.0), 129.6, 30) == (5, (5, 129.6))  # a key moved it: a new interval


def test_key_callback_moves_the_slide(monkeypatch):
    """The component's callback, as it runs when a key is pressed: → on the last slide wraps to 1, ← goes back."""
    import streamlit as st

    from cockpit.components import slide_keys

    state = {"meeting_keys": {"action": "next"}}
    monkeypatch.setattr(st, "session_state", state)
    slide_keys.move_slide("meeting_slide", "meeting_keys", TOTAL, start=TOTAL)  # no slide yet: the URL's
    assert state["meeting_slide"] == 1
    state["meeting_keys"] = {"action": "prev"}
    slide_keys.move_slide("meeting_slide", "meeting_keys", TOTAL, start=5)
    assert state["meeting_slide"] == TOTAL
    state["meeting_keys"] = {"action": "last"}
    slide_keys.move_slide("meeting_slide", "meeting_keys", TOTAL, start=5)
    assert state["meeting_slide"] == TOTAL


def test_totals_slide_shows_the_query_numbers(sample_data):
    rows = queries.run("progress__by_metric", month="2020-12", **target_progress.status_params())
    ii = target_progress.month_view(rows, "2020-12", "city").filter(pl.col("metric_key") == "industrial_investment")
    figure = spec(run_slide("2020-12", "city", 2))
    shown = " ".join(texts(figure))
    value = f"{ii['value'][0]:,.2f}"  # 亿元 with two decimals, as on every page and in the 通报 (943.91)
    assert value == metrics.format_number(ii["value"][0], "亿元")
    assert value in shown and f"完成率{ii['completion'][0]:.1%}" in shown
    assert f"全年目标{ii['target'][0]:,.2f}亿元" in shown
    key = next(a for a in figure["layout"]["annotations"] if value in a["text"])
    assert key["font"]["size"] >= 96


def test_targets_slide_lists_every_target_worst_first(sample_data):
    rows = queries.run("progress__by_metric", month="2020-12", **target_progress.status_params())
    month_rows = target_progress.month_view(rows, "2020-12", "city")
    shown = texts(spec(run_slide("2020-12", "city", 3)))
    fitted = {view.fit(label, view.TEXT_SIZE, 310): label for label in month_rows["label"]}
    labels = [fitted[t] for t in shown if t in fitted]
    assert sorted(labels) == sorted(month_rows["label"].to_list())
    # two groups, each worst first: 完成率 targets (cumulative), then 增长/比率 targets
    kinds = dict(zip(month_rows["label"], month_rows["kind"]))
    cumulative = [label for label in labels if kinds[label] == "cumulative"]
    assert labels[:len(cumulative)] == cumulative and 0 < len(cumulative) < len(labels)
    assert any("一、完成率目标" in t for t in shown) and any("二、增长与比率目标" in t for t in shown)
    statuses = dict(zip(month_rows["label"], month_rows["status"]))
    for group in (cumulative, labels[len(cumulative):]):
        order = [view.SEVERITY_ORDER.get(statuses[label], 3) for label in group]
        assert order == sorted(order)  # 严重落后 first, then 落后, then 达序时
    # every amount at its metric's one precision with thousands separators: 943.91/900.00亿元, 18,164/15,000亩
    ii = month_rows.filter(pl.col("metric_key") == "industrial_investment").row(0, named=True)
    assert f"{ii['value']:,.2f}/{ii['target']:,.2f}亿元" in shown
    land = month_rows.filter(pl.col("metric_key") == "new_industrial_land").row(0, named=True)
    assert f"{land['value']:,.0f}/{land['target']:,.0f}亩" in shown and land["value"] >= 1000
    marks = [t for t in shown if t in ("<b>✓</b>", "<b>▲</b>", "<b>✕</b>")]
    assert marks.count("<b>✕</b>") == list(statuses.values()).count("严重落后")


def test_snail_slide_names_the_longest_late(sample_data):
    snails = queries.run("snail__projects", month="2020-12", unit="city")
    number = next(i for i, s in enumerate(view.SLIDES, 1) if s.name == "蜗牛项目")
    figure = spec(run_slide("2020-12", "city", number))
    shown = " ".join(texts(figure))
    top = view.longest_late(snails)
    assert f">{snails.height:,}<" in shown or f"{snails.height:,}<span" in shown
    assert f"{top['months_late'][0]}个月" in shown
    if snails.height > view.TOP_PROJECTS:
        assert f"另有{snails.height - view.TOP_PROJECTS}个" in shown


def test_decisions_come_from_the_data(sample_data):
    data = briefing.frames("2020-12", "city")
    items = view.decisions(data["progress_rows"], data["snails"], data["warnings"], data["projects"],
                           "2020-12", "city")
    far_behind = target_progress.month_view(data["progress_rows"], "2020-12", "city").filter(
        pl.col("status") == "严重落后")["label"].to_list()
    assert far_behind  # the sample has targets far behind
    assert sorted(i.text.split("：")[0] for i in items if i.topic == "严重落后目标") == sorted(far_behind)
    big = data["projects"].filter(pl.col("needs_task_force") | (pl.col("size_tier") == "百亿级"))
    red = set(view.red_warnings(data["warnings"], "city")["project_code"])
    stuck = big.filter(pl.col("is_snail") | pl.col("project_code").is_in(list(red)))
    assert sum(1 for i in items if i.topic == "重大项目") == stuck.height


@pytest.mark.skipif(__import__("cockpit.exports").exports.browser_path() is None, reason="PNG export needs Chromium")
def test_cover_makes_the_briefing_pack(sample_data):
    import zipfile
    from io import BytesIO

    at = run_slide("2020-12", "nanhu", 1)
    at.button(key="briefing_make").click().run()
    assert not at.exception, [e.value for e in at.exception]
    month, unit, pack = at.session_state["briefing_zip"]
    assert (month, unit) == ("2020-12", "nanhu")
    with zipfile.ZipFile(BytesIO(pack)) as archive:
        names = archive.namelist()
    assert len([n for n in names if n.endswith(".png")]) == TOTAL and any(n.endswith(".docx") for n in names)
    assert "下载 zip" in [b.label for b in at.get("download_button")]


def test_url_sets_and_keeps_month_and_unit(sample_data):
    """?month=…&unit=… on a fresh load becomes the sidebar's selection (an old link's meeting=1 is ignored: the
    enlarged 会议模式 is gone, its link opens the slides)."""
    at = AppTest.from_file(str(REPO_DIR / "app.py"), default_timeout=120)
    at.query_params.update({"month": "2020-06", "unit": "haining", "meeting": "1"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.selectbox(key="filter_month").value == "2020-06"
    assert at.sidebar.selectbox(key="filter_unit").value == "haining"
    assert not at.sidebar.toggle
    (link,) = at.get("page_link")  # 会议模式: the home page's matching slide, 总量, with month and unit
    assert (link.proto.label, link.proto.page) == ("会议模式（例会幻灯片）", "meeting")
    assert link.proto.query_string == f"month=2020-06&unit=haining&slide={view.slide_for_page('home')}"
    # (writing the selection back into the URL is checked in the browser: AppTest does not show script writes)
    # values that are not a month or a unit are ignored
    at = AppTest.from_file(str(REPO_DIR / "app.py"), default_timeout=120)
    at.query_params.update({"month": "1999-01", "unit": "nowhere"})
    at.run()
    assert at.sidebar.selectbox(key="filter_month").value == "2020-12"
    assert at.sidebar.selectbox(key="filter_unit").value == "city"


def test_slides_follow_the_agreed_order():
    """SLIDES is cockpit.report.SLIDE_ORDER (the 通报 tells the same story); 年度考核 follows 县市区排名."""
    from cockpit import report

    assert [s.name for s in view.SLIDES] == list(report.SLIDE_ORDER)
    assert report.SLIDE_ORDER.index("年度考核") == report.SLIDE_ORDER.index("县市区排名") + 1


def test_meeting_mode_opens_the_matching_slide():
    names = [s.name for s in view.SLIDES]
    for page, slide in (("home", "总量"), ("target_progress", "全部目标"), ("ranking", "县市区排名"), ("map", "地图"),
                        ("idle_land", "五未土地"), ("snail_warnings", "蜗牛项目")):
        assert view.slide_for_page(page) == names.index(slide) + 1
        assert view.slide_for_page(f"pages/{page}.py") == names.index(slide) + 1
    assert view.slide_for_page("project_explorer") == 1 and view.slide_for_page("") == 1  # others: the cover
    # a view of a page with its own slide: 县市区排名's 年度累计 opens 年度考核; its other views and other pages do not
    assert view.slide_for_page("/ranking", "年度累计") == names.index("年度考核") + 1
    assert view.slide_for_page("ranking", "季度约谈") == view.slide_for_page("ranking", None) == names.index("县市区排名") + 1
    assert view.slide_for_page("home", "年度累计") == names.index("总量") + 1


@pytest.mark.parametrize("tab, slide", [("年度累计", "年度考核"), ("月度排名", "县市区排名"), (None, "县市区排名")])
def test_meeting_link_follows_the_ranking_view(sample_data, monkeypatch, tab, slide):
    """On 县市区排名 the 会议模式 link opens the slide of the view shown (its tab bar, key ranking_tab, holds the
    view before app.py draws the link): 年度累计 → 年度考核. (AppTest's switch_page runs a page without app.py's
    sidebar, so the link is drawn here with the sidebar call recorded.)"""
    import streamlit as st

    from cockpit import filters

    links = []
    monkeypatch.setattr(st, "session_state", {} if tab is None else {"ranking_tab": tab})
    monkeypatch.setattr(st.sidebar, "page_link", lambda page, **kw: links.append((page, kw["query_params"])))
    filters.meeting_link("ranking")
    assert links == [("pages/meeting.py", {"month": "2020-12", "unit": "city", "slide": str(slide_of(slide))})]


def test_footer_is_named_for_the_briefing():
    """The 通报 drops the slide footer (推进例会 … n/N, 数据截至) from its images by the name slide_footer."""
    figure = view.build(1, {}, "2020-12", "city")
    footer = [a.text for a in figure.layout.annotations if a.name == "slide_footer"]
    assert len(footer) == 2 and footer[1].endswith(f"<b>1/{TOTAL}</b>") and "推进例会" in footer[0]
    assert [s.name for s in figure.layout.shapes if s.name == "slide_footer"] == ["slide_footer"]  # its rule
    others = [a.text for a in figure.layout.annotations if a.name != "slide_footer"]
    assert not any(f"/{TOTAL}" in t or "推进例会　" in t for t in others)


def test_wrap_never_cuts_a_number_a_unit_name_or_before_punctuation():
    text = "本月排名末2位：嘉兴港区（第8名，92.7分）、嘉兴经济技术开发区（第9名，1,272.5分）。"
    for width in range(320, 700, 10):  # from the longest piece (嘉兴经济技术开发区, 306 px) up
        lines = view.wrap(text, view.TEXT_SIZE, width)
        assert "".join(lines) == text
        assert all(view.text_width(line, view.TEXT_SIZE) <= width for line in lines), width
        assert not any(line[0] in "，、。）：" for line in lines), (width, lines)
        joins = [(a[-1], b[0]) for a, b in zip(lines, lines[1:])]
        assert not any(a.isdigit() and (b.isdigit() or b in ".,分名") for a, b in joins), (width, lines)
        for name in ("嘉兴港区", "嘉兴经济技术开发区", "92.7分", "1,272.5分"):
            assert any(name in line for line in lines), (width, name, lines)


def test_decisions_slide_shows_every_item_that_fits():
    items = ([view.Decision("排名末位", f"本月排名第{n}名（{n}0.0分），最弱指标亿元以上项目开工", "港区") for n in (8, 9)]
             + [view.Decision("严重落后目标", f"指标{n}：完成率{n}.0%，差序时{n}个" * (1 + n % 3), "全市")
                for n in range(20)]
             + [view.Decision("重大项目", f"项目{n}（120.00亿元，市领导联系）：红色预警", "嘉善") for n in range(6)])
    shown = view.decision_layout(items)
    assert list(shown) == ["排名末位", "严重落后目标", "重大项目"] and all(shown.values())

    def height(topic: str, count: int) -> int:
        picked = [d for d in items if d.topic == topic][:count]
        return sum(len(view.decision_lines(d)) * view.LINE_STEP + view.ITEM_GAP for d in picked)

    used = sum(view.HEADING_STEP + view.TOPIC_GAP + height(t, n) for t, n in shown.items())
    assert used <= view.DECISION_SPACE
    for topic, count in shown.items():  # the next item of any topic would not fit
        total = sum(1 for d in items if d.topic == topic)
        if count < total:
            assert used + height(topic, count + 1) - height(topic, count) > view.DECISION_SPACE
    # a long item wraps onto whole lines instead of being cut with …
    long = view.Decision("重大项目", "很长的项目名称" * 12 + "（188.00亿元，市领导联系）：红色预警", "海盐")
    lines = view.decision_lines(long)
    assert len(lines) > 1 and "".join(lines) == long.text and not any("…" in line for line in lines)


@pytest.mark.parametrize("asked, words", [("2018-01", "2018年1月"), ("2021-03", "2021年3月")])
def test_a_month_without_data_is_said_on_page_and_slide(sample_data, asked, words):
    """?month=2018-01 (before the first snapshot) or a month after the newest shows the newest month, and says so."""
    note = f"无{words}数据，显示最近的2020年12月"
    at = AppTest.from_file(str(REPO_DIR / "app.py"), default_timeout=120)
    at.query_params.update({"month": asked})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.selectbox(key="filter_month").value == "2020-12"
    assert [w.value for w in at.warning if w.value == note] == [note]
    # the 例会 page (as reached with that URL): every slide carries the note in its footer, the cover in big
    for slide in (1, 4):
        page = AppTest.from_file(PAGE, default_timeout=120)
        page.session_state["filter_month_missing"] = asked
        page.query_params["slide"] = str(slide)
        page.run()
        assert not page.exception, [e.value for e in page.exception]
        shown = texts(spec(page))
        assert f"<b>{note}</b>" in shown, shown[-3:]
    # once another month is chosen the note goes
    at.sidebar.selectbox(key="filter_month").select("2020-06").run()
    assert not [w for w in at.warning if "数据，显示最近的" in w.value]


@pytest.mark.parametrize("month", ["2020-12", "2020-06"])
def test_map_slide_agrees_with_the_ranking_and_breaks_at_pace(sample_data, month):
    from cockpit.charts import theme
    from cockpit.views import ranking

    data = briefing.frames(month, "city", ("map_metrics", "progress_rows"))
    month_frame = ranking.month_scores(ranking.scores(data["progress_rows"]), month)
    ranked = month_frame.filter(pl.col("score").is_not_null()).sort("rank", "sort_order")
    figure = view.build(slide_of("地图"), data, month, "city")
    shown = [a.text for a in figure.layout.annotations]
    listed = [t for t in shown if t[:2].rstrip(".").isdigit() and ". " in t]
    assert listed == [f"{r}. {u}" for r, u in zip(ranked["rank"], ranked["unit_short"])]  # the ranking's order
    fills = {t.meta["unit_id"]: t.fillcolor for t in figure.data if isinstance(t.meta, dict) and "unit_id" in t.meta}
    for row in ranked.iter_rows(named=True):
        if row["unit_id"] in fills:  # the seven statutory units are shapes
            on_pace = row["score"] >= 100
            assert (fills[row["unit_id"]] == theme.STATUS_COLORS["达序时"]) == on_pace, row
            assert fills[row["unit_id"]] == theme.status_color(row["status"])
    assert any(f"{row['score']:.1f}分" in t for t in shown for row in ranked.iter_rows(named=True))
    # 工业投资完成率 (?metric=investment_rate): the colour breaks at 序时进度
    rate = view.build(slide_of("地图"), data, month, "city", map_metric="investment_rate")
    pace = int(month[5:]) / 12 * 100
    values = data["map_metrics"].select("unit_id", (pl.col("investment_rate") * 100).alias("v"))
    for unit_id, value in values.iter_rows():
        fill = next((t.fillcolor for t in rate.data if isinstance(t.meta, dict) and t.meta.get("unit_id") == unit_id),
                    None)
        if fill is not None and value is not None:
            assert (fill == theme.STATUS_COLORS["达序时"]) == (value >= pace), (unit_id, value, pace)
