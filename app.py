"""Frame of the 双进双产 cockpit: page config, shared sidebar filters, grouped navigation."""
import streamlit as st

from cockpit import REPO_DIR, filters, queries, serve
from cockpit import navigation as navigation_module
from cockpit.navigation import PAGES

st.set_page_config(page_title="嘉兴市产业项目“双进双产”", page_icon=str(REPO_DIR / "cockpit" / "assets" / "favicon.png"), layout="wide")

# A page appears once its file exists, so the frame runs while pages are being built.
navigation: dict[str, list] = {}
for group, path, title, icon in PAGES:
    if (REPO_DIR / path).exists():
        navigation.setdefault(group, []).append(
            st.Page(path, title=title, icon=icon, default=path == "pages/home.py"))

st.logo(str(REPO_DIR / "cockpit" / "assets" / "logo.svg"), size="large")
navigation_module.watch_missing_pages()  # an unknown address: our Chinese message, not Streamlit's English dialog
# One data generation for the whole run: an import landing meanwhile shows on the next run, never halfway.
with queries.pinned() as reader:
    filters.render_sidebar(reader.generation)
    page = st.navigation(navigation, expanded=True)  # every page listed (collapsed, Streamlit adds an English "View N more")
    missing = navigation_module.missing_page()
    filters.meeting_link(page.url_path or "home")  # 会议模式: the page's 例会 slide
    try:
        if missing is not None:
            st.title(navigation_module.PAGE_NOT_FOUND)
            st.warning(navigation_module.not_found_message(missing), icon=":material/link_off:")
            st.page_link("pages/home.py", label="返回首页", icon=":material/home:")
        else:
            page.run()
    except Exception as error:  # noqa: BLE001 — any page failure: a message and a reference, the traceback in the log
        st.error(serve.page_error(error, page.url_path or "home"))
