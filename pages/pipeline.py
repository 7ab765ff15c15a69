"""全生命周期: how far this year's projects have come, how long each step takes, and who moved this month."""
import streamlit as st

from cockpit import exports, filters, navigation, queries, store
from cockpit.charts import show, show_table
from cockpit.views import lists
from cockpit.views import pipeline as view

f = filters.current()
st.title("全生命周期")
filters.require_data(f)

funnel = queries.run("pipeline__funnel", month=f.month, unit=f.unit)
month_end = store.month_end(f.month).isoformat()
st.caption(f"{f.month_label}　{f.unit_label}　｜　{f.year}年签约项目")
funnel_caption = view.FUNNEL_DEFINITION.format(year=f.year, month_end=month_end)

# Funnel and unit table, then durations and this month's moves.
prev_month = next((m for m in reversed(store.months()) if m < f.month), None)
tab = navigation.tab_bar(["推进漏斗", "环节用时", "本月阶段变化"], key="pipeline_tab")

if tab == "推进漏斗":
    several_units = funnel["unit_id"].n_unique() > 1
    left, right = st.columns([1, 1]) if several_units else (st.container(), None)
    with left:
        show(view.funnel_figure(funnel), name=f"{f.unit_label}{f.year}年签约项目推进漏斗",
             data_date=f.month_label, height=600)
    if right is not None:
        with right:
            show(view.funnel_heatmap(funnel), name=f"各县级主体{f.year}年签约项目推进", data_date=f.month_label,
                 height=600)
    st.caption(funnel_caption)
    st.markdown("#### 分主体各环节项目数")
    show_table(view.unit_stage_table(funnel), name=exports.file_name("签约项目各环节", f.unit_label, f.month))

if tab == "环节用时":
    durations = queries.run("pipeline__stage_durations", month=f.month, unit=f.unit)
    show(view.duration_figure(durations), name=f"{f.unit_label}各环节用时中位数_{f.month}",
         data_date=f.month_label, height=500)
    spans = view.duration_table(durations)
    show_table(spans, name=exports.file_name("各环节用时", f.unit_label, f.month))
    st.caption(view.DURATION_DEFINITION.format(month=f.month_label))

if tab == "本月阶段变化":
    if prev_month is None:
        st.info("所选月份之前没有项目库快照，无法比较阶段变化。")
    else:
        moves = queries.run("pipeline__stage_moves", month=f.month, previous_month=prev_month, unit=f.unit)
        compared = f"{filters.month_label(prev_month)}→{f.month_label}"
        counts = moves["move"].value_counts()
        cols = st.columns(len(view.MOVE_ORDER))
        for col, move in zip(cols, view.MOVE_ORDER):
            hit = counts.filter(counts["move"] == move)["count"]
            col.metric(move, f"{(hit[0] if hit.len() else 0):,}个")
        summary = view.move_counts(moves)
        left, right = st.columns([3, 2])
        with left:
            st.markdown(f"#### 阶段变化（{compared}）")
            if summary.height:
                show(view.moves_figure(summary), name=f"{f.unit_label}阶段变化_{f.month}", data_date=f.month_label,
                     height=max(360, 90 + 34 * summary.height))
            else:
                st.info("两期之间没有项目阶段变化。")
        with right:
            st.markdown("#### 按变化汇总")
            show_table(view.move_count_table(summary), name=exports.file_name("阶段变化汇总", f.unit_label, f.month))
        st.markdown("#### 阶段变化项目")
        moved = view.move_table(moves)  # the browser gets the first [display] list_rows rows; 导出Excel all of them
        show_table(lists.capped(moved), export=moved, name=exports.file_name("阶段变化项目", f.unit_label, f.month))
        if note := lists.cap_note(moved.height):
            st.caption(note)
        st.caption(view.MOVES_DEFINITION.format(previous=filters.month_label(prev_month), month=f.month_label))
