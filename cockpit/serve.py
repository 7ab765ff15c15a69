"""Starts the Streamlit server on app.py: `python -m cockpit serve [streamlit options]`.

Streamlit treats a `pages/` folder beside the main script as a legacy multipage app until the main
script has once called st.navigation. Until then a deep link on a freshly started server (a bookmark of
/ranking, say) runs that page without app.py: no filters, no navigation. Our app always navigates with
st.navigation, so we say so before the server starts.
"""
from __future__ import annotations

import sys

from cockpit import REPO_DIR


def main(streamlit_args: list[str]) -> int:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(REPO_DIR / "app.py"), *streamlit_args]
    return cli.main()
