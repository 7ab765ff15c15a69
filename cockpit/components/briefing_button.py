"""The 月度通报 button (例会 cover and 首页): builds the pack with a progress bar, then offers the .zip."""
from __future__ import annotations

import streamlit as st

from cockpit import briefing

_MADE_KEY = "briefing_zip"


def briefing_button(month: str, unit: str, scope_label: str, key: str) -> None:
    with st.popover("月度通报", icon=":material/description:"):
        st.caption(f"{scope_label}：幻灯片PNG与PPT、通报Word（公文格式）、清单Excel，打包为一个zip（约30秒）。")
        if st.button("生成月度通报", type="primary", key=key):
            bar = st.progress(0.0, text="准备数据…")
            pack = briefing.pack_bytes(month, unit, progress=lambda share, text: bar.progress(share, text=text))
            st.session_state[_MADE_KEY] = (month, unit, pack)
        made = st.session_state.get(_MADE_KEY)
        if made and made[:2] == (month, unit):
            st.download_button("下载 zip", data=made[2], file_name=briefing.zip_name(month, unit),
                               mime="application/zip", icon=":material/download:", on_click="ignore")
