"""蜗牛项目与分级预警: which projects are stuck or slipping, where, since when, and why."""
import streamlit as st

from cockpit import exports, filters, navigation, queries, store
from cockpit.charts import show, show_table
from cockpit.views import lists
from cockpit.views import snail_warnings as view

f = filters.current()
st.title("蜗牛项目与分级预警")
filters.require_data(f)

snail_list = queries.run("snail__projects", month=f.month, unit=f.unit)
snail_changes = queries.run("snail__changes", month=f.month, unit=f.unit)
def warnings_of(month: str):
    return queries.run(view.WARNING_QUERY, month=month, **view.warning_params())


warned = view.warnings_of_unit(warnings_of(f.month), f.unit)
# the year's grade counts in one query over the derived warnings (issue 19 §6: was one query per month)
trend = queries.run(view.TREND_QUERY, month=f.month, unit=f.unit, **view.warning_params())
grade_counts = view.grade_counts(warned)
new_snails = snail_changes.filter(snail_changes["change"] == "新增").height
resolved_snails = snail_changes.filter(snail_changes["change"] == "销号").height
prev_month = next((m for m in reversed(store.months()) if m < f.month), None)
prev_grade_counts = (view.trend_grade_counts(trend, prev_month)
                     or view.grade_counts(view.warnings_of_unit(warnings_of(prev_month), f.unit))) if prev_month else None
compared = f"较{filters.month_label(prev_month)}" if prev_month else "无上一期快照，不计环比"
st.caption(f"{f.month_label}　{f.unit_label}　｜　{compared}")

# Numbers on top, one section per tab, the lists.
height = 480
types = view.snail_type_counts(snail_list)
cols = st.columns(6)
cols[0].metric("蜗牛项目", f"{snail_list.height:,}个",
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
    show(view.snails_by_unit_figure(view.snails_by_unit(snail_list, f.unit)), name=f"{f.unit_label}蜗牛项目分布",
         data_date=f.month_label, height=height)
    st.caption(view.SNAIL_DEFINITION)
    st.markdown("#### 蜗牛项目清单")
    chosen = st.multiselect("类型", ["开工滞后", "竣工滞后"], key="snail_types", placeholder="全部类型")
    shown = snail_list.filter(snail_list["snail_type"].is_in(chosen)) if chosen else snail_list
    # the browser gets the first [display] list_rows rows (in the table's order); 导出Excel the whole list
    snail_rows = view.snail_table(shown)
    show_table(lists.capped(snail_rows), export=snail_rows,
               name=exports.file_name("蜗牛项目清单", f.unit_label, "、".join(chosen), f.month))
    if note := lists.cap_note(shown.height):
        st.caption(note)
    st.markdown(f"#### 本月变化（{compared}）")
    if prev_month is None:
        st.info("所选月份之前没有项目库快照，无法计算新增与销号。")
    else:
        show_table(view.snail_change_table(snail_changes),
                   name=exports.file_name("蜗牛项目变化", f.unit_label, f.month))
        st.caption(view.SNAIL_CHANGE_DEFINITION)

if "预警分布" in shown_sections:
    show(view.warnings_by_unit_figure(view.warnings_by_unit(warned, f.unit)), name=f"{f.unit_label}分级预警分布",
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
    shown = warned.filter(warned["grade"].is_in(grades)) if grades else warned
    # the browser gets the first [display] list_rows rows (in the table's order); 导出Excel the whole list
    warning_rows = view.warning_table(shown)
    show_table(lists.capped(warning_rows), export=warning_rows,
               name=exports.file_name("分级预警清单", f.unit_label, "、".join(grades), f.month),
               column_config={"预警原因": st.column_config.TextColumn("预警原因", width="large")})
    if note := lists.cap_note(shown.height):
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
