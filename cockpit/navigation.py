"""The navigation: every page of the app, grouped as the sidebar shows them."""

# (group, file, title, icon)
PAGES = (
    ("总览", "pages/home.py", "首页", ":material/home:"),
    ("月度例会", "pages/meeting.py", "例会（幻灯片）", ":material/slideshow:"),
    ("月度例会", "pages/target_progress.py", "目标进度", ":material/flag:"),
    ("月度例会", "pages/ranking.py", "县市区排名", ":material/leaderboard:"),
    ("月度例会", "pages/map.py", "地图", ":material/map:"),
    ("问题项目", "pages/idle_land.py", "“五未”土地", ":material/landscape:"),
    ("问题项目", "pages/snail_warnings.py", "蜗牛项目与预警", ":material/warning:"),
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
