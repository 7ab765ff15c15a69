"""The 一张网 consistency block of 数据管理 (issue 19 §5): counts per check and unit, the rows to download."""
from __future__ import annotations

import streamlit as st

from cockpit import consistency, exports, filters, store
from cockpit.charts import show_table


def render() -> None:
    months = store.months()
    if not months:
        st.info("尚无快照。")
        return
    month = st.selectbox("快照月份", list(reversed(months)), key="consistency_month",
                         format_func=filters.month_label)
    rows = consistency.findings(month)
    st.markdown(f"#### 一张网一致性检查：{rows.height:,}条不一致（仅提示，不影响导入）")
    show_table(consistency.counts(rows), name=exports.file_name("一张网一致性检查汇总", month))
    st.caption(consistency.definition())
    if rows.height:
        chosen = st.selectbox("检查项", ["全部"] + list(consistency.CHECKS.values()), key="consistency_check")
        shown = rows if chosen == "全部" else rows.filter(rows["check_name"] == chosen)
        detail = consistency.table(shown)
        show_table(detail.head(500), export=detail, name=exports.file_name("一张网一致性检查明细", chosen, month))
        if shown.height > 500:
            st.caption(f"页面显示前500条，共{shown.height:,}条；导出Excel为全部。")


def after_import(month: str) -> str:
    """The sentence the import's success message adds: how many disagreements the month now has."""
    rows = consistency.findings(month)
    return f"一张网一致性检查：{rows.height:,}条不一致（仅提示，见“一张网一致性”）。"
