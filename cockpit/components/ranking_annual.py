"""The 年度累计 view of 县市区排名 (issue 19 §3): the annual table and the year's 约谈 history."""
from __future__ import annotations

import streamlit as st

from cockpit import exports
from cockpit.charts import show_table
from cockpit.views import ranking_annual as view


def render(all_scores, quarter_frame, f) -> None:
    annual = view.annual_scores(all_scores, f.month)
    history = view.interview_history(quarter_frame, f.month)
    st.markdown(f"#### {f.year}年1月至{int(f.month[5:])}月年度累计得分")
    show_table(view.annual_table(annual, history), name=exports.file_name("县市区年度累计得分", f.month))
    st.markdown(f"#### {f.year}年季度排名末位约谈记录")
    if history.height:
        show_table(view.history_table(history), name=exports.file_name("季度约谈记录", f.year))
    else:
        st.info(f"{f.year}年截至{f.month_label}尚无已结束的季度。")
    st.caption(view.definition())
