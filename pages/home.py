"""首页: the month at a glance, which snapshot is loaded, and what it holds."""
import streamlit as st

from cockpit import filters, queries, store
from cockpit.charts import show_table, theme
from cockpit.components.briefing_button import briefing_button
from cockpit.views import data_admin
from cockpit.views import home as view
from cockpit.views import snail_warnings, target_progress

f = filters.current()
st.title("嘉兴市产业项目“双进双产”")
st.caption("引进 · 推进 · 投产 · 达产　｜　数据均来自已导入的月度快照")
filters.require_data(f)

st.subheader(f"本月要点：{f.month_label}　{f.unit_label}")
briefing_button(f.month, f.unit, f"{f.month_label}　{f.unit_label}", key="home_briefing_make")


def show_facts(facts: list[view.Fact]) -> None:
    if not facts:  # st.columns(0) raises: a unit with none of the headline targets shows no row
        return
    for column, fact in zip(st.columns(len(facts)), facts):
        with column.container(border=True):
            colour = theme.STATUS_COLORS.get(fact.status, theme.COLORS["text"])
            st.markdown(f"**{fact.label}**")
            st.markdown(f"<div style='font-size:clamp(1.4rem, 2.1vw, 2.2rem);font-weight:700;white-space:nowrap;"
                        f"color:{colour}'>{fact.value}</div>",
                        unsafe_allow_html=True)
            st.caption(f"{fact.note}" + (f"　｜　{fact.status}" if fact.status else "") + f"　→ {fact.page}")


progress_rows = queries.run("progress__by_metric", month=f.month, **target_progress.status_params())
if target_progress.targets_missing(progress_rows, f.month):
    st.info(target_progress.no_targets_note(f.year), icon=":material/flag:")
show_facts(view.target_facts(progress_rows, f.month, f.unit,
                             queries.run("inspection__refuted", month=f.month, unit=f.unit)))
show_facts(view.problem_facts(
    queries.run(snail_warnings.SNAIL_COUNTS_QUERY, month=f.month, unit=f.unit),
    queries.run(snail_warnings.WARNING_COUNTS_QUERY, month=f.month, unit=f.unit, **snail_warnings.warning_params()),
    queries.run("idle__by_unit", month=f.month, unit=f.unit)))

st.markdown("#### 本月快照")
counts = queries.run("home__row_counts", month=f.month)
for column, row in zip(st.columns(len(counts)), counts.iter_rows(named=True)):
    column.metric(row["table_title"], f"{row['row_count']:,}行")
history = store.history()
latest = history.filter(history["period"].is_in([f.month, f.month[:4]]) & history["is_current"])
show_table(data_admin.history_frame(latest), None)
st.caption(f"已导入月份：{'、'.join(filters.month_label(m) for m in store.months())}")
