"""蜗牛项目与分级预警: which projects are stuck or slipping, where, since when, and why."""
import streamlit as st

from cockpit import exports, filters, navigation, queries, store
from cockpit.charts import show, show_table
from cockpit.views import lists
from cockpit.views import snail_warnings as view

f = filters.current()
st.title("蜗牛项目与分级预警")
filters.require_data(f)

# Counts and chart data by SQL aggregates; the tables fetch only the rows they show (issue 19 §6).
snail_counts = queries.run(view.SNAIL_COUNTS_QUERY, month=f.month, unit=f.unit)
snail_changes = queries.run("snail__changes", month=f.month, unit=f.unit)
warning_params = view.warning_params()


def warning_counts(month: str):
    return queries.run(view.WARNING_COUNTS_QUERY, month=month, unit=f.unit, **warning_params)


warned_counts = warning_counts(f.month)
# the year's grade counts in one query over the derived warnings (issue 19 §6: was one query per month)
trend = queries.run(view.TREND_QUERY, month=f.month, unit=f.unit, **warning_params)
grade_counts = view.grade_totals(warned_counts)
new_snails = snail_changes.filter(snail_changes["change"] == "新增").height
resolved_snails = snail_changes.filter(snail_changes["change"] == "销号").height
prev_month = next((m for m in reversed(store.months()) if m < f.month), None)
prev_grade_counts = (view.trend_grade_counts(trend, prev_month)
                     or view.grade_totals(warning_counts(prev_month))) if prev_month else None
compared = f"较{filters.month_label(prev_month)}" if prev_month else "无上一期快照，不计环比"
st.caption(f"{f.month_label}　{f.unit_label}　｜　{compared}")

# Numbers on top, one section per tab, the lists.
height = 480
types = view.snail_type_totals(snail_counts)
cols = st.columns(6)
cols[0].metric("蜗牛项目", f"{view.snail_totals(snail_counts):,}个",
               delta=f"{new_snails - resolved_snails:+,}个" if prev_month else None, delta_color="inverse",
               help=f"开工滞后{types['开工滞后']}个，竣工滞后{types['竣工滞后']}个")
cols[1].metric("本月新增蜗牛", f"{new_snails:,}个" if prev_month else "—")
cols[2].metric("本月销号", f"{resolved_snails:,}个" if prev_month else "—")
for col, grade in zip(cols[3:], view.GRADES):
    col.metric(view.GRADE_LABELS[grade], f"{grade_counts[grade]:,}个", delta_color="inverse",
               delta=f"{grade_counts[grade] - prev_grade_counts[grade]:+,}个" if prev_grade_counts else None)
tab = navigation.tab_bar(["蜗牛项目", "分级预警", "临期预警"], key="snail_tab")
shown_sections = {"蜗牛项目": {"蜗牛项目"}, "分级预警": {"预警分布", "预警走势"}, "临期预警": {"临期预警"}}[tab]

if "蜗牛项目" in shown_sections:
    show(view.snails_by_unit_figure(view.snail_counts_by_unit(snail_counts, f.unit)), name=f"{f.unit_label}蜗牛项目分布",
         data_date=f.month_label, height=height)
    st.caption(view.SNAIL_DEFINITION)
    st.markdown("#### 蜗牛项目清单")
    chosen = st.multiselect("类型", ["开工滞后", "竣工滞后"], key="snail_types", placeholder="全部类型")
    # the browser gets the first [display] list_rows rows (in the table's order); 导出Excel, built on click, the
    # whole list of the chosen types
    def snail_rows(limit: int | None):
        return view.snail_table(queries.run(view.SNAIL_LIST_QUERY, month=f.month, unit=f.unit, types=chosen,
                                            limit=limit))

    show_table(snail_rows(lists.list_rows()), export=lambda: snail_rows(None),
               name=exports.file_name("蜗牛项目清单", f.unit_label, "、".join(chosen), f.month))
    if note := lists.cap_note(view.snail_totals(snail_counts, chosen)):
        st.caption(note)
    st.markdown(f"#### 本月变化（{compared}）")
    if prev_month is None:
        st.info("所选月份之前没有项目库快照，无法计算新增与销号。")
    else:
        show_table(view.snail_change_table(snail_changes),
                   name=exports.file_name("蜗牛项目变化", f.unit_label, f.month))
        st.caption(view.SNAIL_CHANGE_DEFINITION)

if "预警分布" in shown_sections:
    show(view.warnings_by_unit_figure(view.warning_counts_by_unit(warned_counts, f.unit)), name=f"{f.unit_label}分级预警分布",
         data_date=f.month_label, height=height)
    st.caption(view.warning_definition())

if "预警走势" in shown_sections:
    show(view.warning_trend_figure(trend),
         name=f"{f.unit_label}{f.year}年分级预警走势", data_date=f.month_label,
         height=height)
    st.caption(f"口径：{f.year}年各月快照（截至{f.month_label}）中各等级预警项目数。")
    st.markdown("#### 预警项目清单")
    grades = st.multiselect("预警等级", list(view.GRADES), key="warning_grades", placeholder="全部等级",
                            format_func=view.GRADE_LABELS.get)
    # the browser gets the first [display] list_rows rows (in the table's order); 导出Excel, built on click, the
    # whole list of the chosen grades
    def warning_rows(limit: int | None):
        return view.warning_table(queries.run(view.WARNING_LIST_QUERY, month=f.month, unit=f.unit, grades=grades,
                                              limit=limit, **warning_params))

    show_table(warning_rows(lists.list_rows()), export=lambda: warning_rows(None),
               name=exports.file_name("分级预警清单", f.unit_label, "、".join(grades), f.month),
               column_config={"预警原因": st.column_config.TextColumn("预警原因", width="large")})
    if note := lists.cap_note(sum(view.grade_totals(warned_counts, grades or view.GRADES).values())):
        st.caption(note)

if "临期预警" in shown_sections:  # issue 19 §1: what turns 蜗牛 or 闲置 next unless it starts first
    upcoming = queries.run(view.UPCOMING_QUERY, month=f.month, unit=f.unit, **view.upcoming_params())
    idle_soon = queries.run(view.IDLE_UPCOMING_QUERY, month=f.month, unit=f.unit, **view.idle_upcoming_params())
    horizon = view.upcoming_params()["horizon_months"]
    st.markdown(f"#### {view.upcoming_headline(upcoming, f.month)}")
    show_table(view.upcoming_counts(upcoming, f.unit, horizon),
               name=exports.file_name("临期蜗牛分地区", f.unit_label, f.month))
    st.caption(view.upcoming_definition())
    st.markdown(f"#### 临期蜗牛项目清单（今后{horizon}个月，{upcoming.height}个）")
    upcoming_rows = view.upcoming_table(upcoming)
    show_table(lists.capped(upcoming_rows), export=upcoming_rows,
               name=exports.file_name("临期蜗牛项目清单", f.unit_label, f.month))
    if note := lists.cap_note(upcoming.height):
        st.caption(note)
    days = view.idle_upcoming_params()["days"]
    st.markdown(f"#### {days}天内将满一年未动工（闲置）的地块：{idle_soon.height}宗，"
                f"{idle_soon['area'].sum():,.2f}亩")
    if idle_soon.height:
        idle_rows = view.idle_upcoming_table(idle_soon)
        show_table(lists.capped(idle_rows), export=idle_rows,
                   name=exports.file_name("临期闲置地块清单", f.unit_label, f.month))
