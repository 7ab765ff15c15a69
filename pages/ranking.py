"""县市区排名: the nine units' composite monthly score, rank changes, and the quarterly bottom two (约谈)."""
import streamlit as st

from cockpit import exports, filters, navigation, queries, units
from cockpit.charts import show, show_table
from cockpit.views import ranking as view
from cockpit.components import ranking_annual as annual_view
from cockpit.views import target_progress

f = filters.current()
st.title("县市区排名")
filters.require_data(f)

all_scores = view.sql_scores(queries.run("ranking__scores", month=f.month, **target_progress.status_params(),
                                         **view.score_params()))
month_frame = view.month_scores(all_scores, f.month)
quarter_frame = view.quarters(all_scores)
highlight = None if f.unit == units.CITY_ID else f.unit
prev_month = month_frame["prev_month"].drop_nulls()
compared = (f"较{filters.month_label(prev_month[0])}" if prev_month.len()
            else "1–2月合并，不比较名次" if view.january_merged() and f.month_number == 2 else "无上一期快照，不计名次变化")
st.caption(f"{view.period_label(f.month)}　｜　九个县级主体按本主体目标评价　｜　{compared}")
if view.unranked_january(f.month):
    st.info(view.JANUARY_NOTE, icon=":material/event:")
    st.stop()
height = None

if month_frame["score"].is_null().all():
    if target_progress.targets_missing(queries.run("progress__by_metric", month=f.month,
                                                   **target_progress.status_params()), f.month):
        st.info(target_progress.no_targets_note(f.year), icon=":material/flag:")
    else:
        st.info("所选月份没有县级主体的分主体目标（年度目标表中县级主体为各区县的行），无法计算综合得分。")
    st.stop()

if highlight:
    mine = month_frame.filter(month_frame["unit_id"] == highlight).row(0, named=True)
    if mine["rank"] is None:
        st.info(f"{mine['unit_name']}本月没有可评价的指标（缺分主体目标或数据）。")
    else:
        c1, c2, c3, c4 = st.columns(4)
        change = mine["change"]
        c1.metric(f"{mine['unit_short']}排名", f"第{mine['rank']}名", delta=f"较上月{change}",
                  delta_arrow="off", delta_color="normal" if change.startswith("↑")
                  else "inverse" if change.startswith("↓") else "off")
        c2.metric("综合得分", f"{mine['score']:.1f}", help=view.coverage(),
                  delta=f"全部目标中{view.behind_text(mine['targets_behind'], mine['targets_rated'])}",
                  delta_arrow="off", delta_color="off")
        c3.metric("最强指标", mine["strongest"] or "—", help="序时完成度最高的参评指标")
        c4.metric("最弱指标", mine["weakest"] or "—", help="序时完成度最低的参评指标")

# A metric with a target but no figure drops out of the score: say which unit lacks which (issue 10 item 2).
missing = view.missing_data_notes(month_frame)
if missing:
    st.warning("以下指标有目标但本月无数据（未报送），未计入得分：" + "；".join(missing) + "。",
               icon=":material/report:")

bottom = view.bottom_units(month_frame)
if bottom.height:  # every unit tied at the boundary is named
    names = "、".join(f"{r['unit_name']}（第{r['rank']}名，{r['score']:.1f}分）" for r in bottom.iter_rows(named=True))
    st.markdown(f"**本月排名末{view.settings()['bottom_n']}位：** {names}")

notice = view.quarter_notice(quarter_frame, f.month)
if notice:
    level, text = notice
    (st.error if level == "市长约谈" else st.warning)(text, icon=":material/gavel:")

tab_names = ["月度排名", "季度约谈", "年度累计", "指标明细", "排名走势"]
tab = navigation.tab_bar(tab_names, key="ranking_tab")

if tab == "月度排名":
    st.markdown(f"**{view.coverage()}**（{view.covered_metrics()}）；条形旁为该主体全部目标中落后的项数。")
    show(view.ranking_figure(month_frame, highlight), name=f"县市区综合得分排名（{view.period_label(f.month)}）",
         data_date=f.month_label, height=height)
    st.caption(view.score_definition())
    show_table(view.ranking_table(month_frame), name=exports.file_name("县市区排名", f.month))

if tab == "季度约谈":
    table = view.quarter_table(quarter_frame, f.year)
    if table.height == 0:
        st.info(f"{f.year}年尚无已结束的季度（季末月快照导入后计入）。")
    else:
        show_table(table, name=exports.file_name("季度排名末位约谈", f.year))
    st.caption(view.quarter_definition())

if tab == "年度累计":  # issue 19 §3 (cockpit/views/ranking_annual.py)
    annual_view.render(all_scores, quarter_frame, f)
if tab == "指标明细":
    # only this view needs every metric's row (the score query aggregates them itself)
    rows = queries.run("progress__by_metric", month=f.month, **target_progress.status_params())
    matrix = view.ratio_matrix(rows, f.month)
    show(view.ratio_figure(matrix), name=f"县市区各指标序时完成度（{f.month_label}）",
         data_date=f.month_label)
    show_table(view.ratio_table(matrix), name=exports.file_name("县市区各指标序时完成度", f.month))
    st.caption("序时完成度（%）：累计类=完成率÷序时进度，比率类=实际÷目标，增长类=(1+实际增长)÷(1+目标增长)；"
               "100%=恰好达序时。颜色同目标进度（绿：达序时　黄：落后　红：严重落后　灰：无目标或无数据）。")
if tab == "排名走势":
    show(view.rank_history_figure(all_scores, f.year, highlight), name=f"县市区排名走势（{f.year}年）",
         data_date=f.month_label)
    st.caption("各月综合得分排名（第1名在上）；所选县级主体加粗显示。")
