"""The navigation: every page of the app, grouped as the sidebar shows them, and what an unknown address shows."""
import threading

# (group, file, title, icon)
PAGES = (
    ("总览", "pages/home.py", "首页", ":material/home:"),
    ("月度例会", "pages/meeting.py", "例会（幻灯片）", ":material/slideshow:"),
    ("月度例会", "pages/target_progress.py", "目标进度", ":material/flag:"),
    ("月度例会", "pages/ranking.py", "县市区排名", ":material/leaderboard:"),
    ("月度例会", "pages/map.py", "地图", ":material/map:"),
    ("工作机制", "pages/promotion.py", "一把手招商", ":material/flight_takeoff:"),  # issue 18 §3
    ("工作机制", "pages/inspection.py", "督查核查", ":material/fact_check:"),  # issue 18 §1
    ("问题项目", "pages/idle_land.py", "“五未”土地", ":material/landscape:"),
    ("问题项目", "pages/snail_warnings.py", "蜗牛项目与预警", ":material/warning:"),
    ("问题项目", "pages/problems.py", "问题清单", ":material/assignment_late:"),
    ("项目分析", "pages/project_explorer.py", "项目查询", ":material/search:"),
    ("项目分析", "pages/pipeline.py", "全生命周期", ":material/conversion_path:"),
    ("项目分析", "pages/coordination.py", "统筹", ":material/hub:"),  # issue 19 §4 (helper lookahead)
    ("管理", "pages/data_admin.py", "数据管理", ":material/database:"),
)


def tab_bar(names: list[str], key: str) -> str:
    """Which of a page's views to draw: a segmented control in place of st.tabs, which draws every tab's charts
    (hidden ones too), so a page of six charts made the browser draw six. Returns the chosen name."""
    import streamlit as st

    chosen = st.segmented_control("视图", names, default=names[0], key=key, required=True,
                                  label_visibility="collapsed")
    return chosen if chosen in names else names[0]


PAGE_NOT_FOUND = "页面不存在"
_missing = threading.local()  # one script run per thread at a time: the page name it asked for and did not find


def watch_missing_pages() -> None:
    """Streamlit 1.67 answers an address that names no page (/rankingx, /ranking/x) by sending the browser
    `page_not_found`, which shows an English “Page not found” dialog, and runs the default page. We take that
    message's place (`streamlit.commands.navigation.send_page_not_found`, called by st.navigation) and note the
    name instead, so app.py can say in Chinese what happened. Idempotent."""
    from streamlit.commands import navigation as st_navigation

    if getattr(st_navigation.send_page_not_found, "cockpit", False):
        return

    def note_missing(ctx) -> None:
        _missing.name = ctx.pages_manager.intended_page_name or ""

    note_missing.cockpit = True
    st_navigation.send_page_not_found = note_missing


def missing_page() -> str | None:
    """The page name this script run asked for that does not exist ("" when unnamed), or None; read once."""
    name = getattr(_missing, "name", None)
    _missing.name = None
    return name


def not_found_message(name: str) -> str:
    """What an unknown address shows (the name as literal text: it comes from the URL)."""
    from cockpit.text import literal

    asked = f"“{literal(name)}”" if name else "所请求的页面"
    return f"{PAGE_NOT_FOUND}：找不到{asked}。请从左侧导航选择页面，或返回首页。"
