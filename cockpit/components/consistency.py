"""The 一张网 consistency block of 数据管理 (issue 19 §5): counts per check and unit, the rows to download."""
from __future__ import annotations

import streamlit as st

from cockpit import consistency, exports, filters, store
from cockpit.charts import show_table

SHOWN_ROWS = 500


def render() -> None:
    months = store.months()
    if not months:
        st.info("尚无快照。")
        return
    month = st.selectbox("快照月份", list(reversed(months)), key="consistency_month",
                         format_func=filters.month_label)
    per_unit = consistency.counted(month)  # counted in SQL; the rows are fetched a page at a time
    total = consistency.total(per_unit)
    st.markdown(f"#### 一张网一致性检查：{total:,}条不一致（仅提示，不影响导入）")
    show_table(consistency.counts(per_unit), name=exports.file_name("一张网一致性检查汇总", month))
    st.caption(consistency.definition())
    if total:
        chosen = st.selectbox("检查项", ["全部"] + list(consistency.CHECKS.values()), key="consistency_check")
        check_key = next((k for k, name in consistency.CHECKS.items() if name == chosen), "")
        shown_total = consistency.total_by_check(per_unit)[check_key] if check_key else total
        detail = consistency.table(consistency.listed(month, check_key, SHOWN_ROWS))
        show_table(detail, export=lambda: consistency.table(consistency.listed(month, check_key)),
                   name=exports.file_name("一张网一致性检查明细", chosen, month))
        if shown_total > SHOWN_ROWS:
            st.caption(f"页面显示前{SHOWN_ROWS}条，共{shown_total:,}条；导出Excel为全部。")


def after_import(month: str) -> str:
    """The sentence the import's success message adds: how many disagreements the month now has."""
    return f"一张网一致性检查：{consistency.total(consistency.counted(month)):,}条不一致（仅提示，见“一张网一致性”）。"
