"""问题清单: problems raised on projects, their 办理时限 and state, who holds the overdue ones, the lists of the 通报."""
import streamlit as st

from cockpit import exports, filters, navigation, queries
from cockpit.charts import show, show_table
from cockpit.views import lists
from cockpit.views import problems as view

f = filters.current()
st.title("问题清单")
filters.require_data(f)

register = queries.run(view.REGISTER_QUERY, month=f.month, unit=f.unit)
summary = queries.run(view.SUMMARY_QUERY, month=f.month, unit=f.unit)
figures = view.headline(register)
st.caption(f"{f.month_label}　{f.unit_label}　｜　在册问题为月末问题清单（含已办结），状态以月末日为准")

if register.is_empty():
    st.info(f"{f.month_label}没有在册问题：请在“数据管理”导入“项目问题”表（模板工作表“项目问题”）。")
    st.stop()

cols = st.columns(6)
cols[0].metric("在册问题", f"{figures['problems']:,}个", help="月末问题清单中的全部问题（含已办结）")
cols[1].metric("本月新增", f"{figures['new']:,}个")
cols[2].metric("本月办结", f"{figures['closed_this_month']:,}个")
cols[3].metric("超期", f"{figures['overdue']:,}个", help=f"其中严重超期{figures['escalated']:,}个")
cols[4].metric("临期", f"{figures['due_soon']:,}个")
cols[5].metric("办结率", "—" if figures["close_rate"] is None else f"{figures['close_rate']:.1%}")

tab = navigation.tab_bar(["各地与类型", "责任单位", "问题清单"], key="problems_tab")
if tab == "各地与类型":
    show(view.open_by_unit_figure(view.open_by_unit(register, f.unit)), name=f"{f.unit_label}未办结问题分布",
         data_date=f.month_label, height=460)
    st.markdown("#### 各县（市、区）")
    show_table(view.summary_table(summary, "unit"), name=exports.file_name("问题办理情况_分地区", f.unit_label, f.month))
    st.markdown("#### 问题类型")
    show_table(view.summary_table(summary, "type"), name=exports.file_name("问题办理情况_分类型", f.unit_label, f.month))
elif tab == "责任单位":
    held = view.departments(summary)
    if held.height and held["overdue"][0] > 0:
        top = held.row(0, named=True)
        st.markdown(f"超期问题最多的责任单位：**{top['group_name']}**（{top['overdue']}个，其中严重超期{top['escalated']}个）")
    show(view.department_figure(summary), name=f"{f.unit_label}责任单位未办结问题", data_date=f.month_label, height=480)
    show_table(view.summary_table(summary, "department"),
               name=exports.file_name("问题办理情况_分责任单位", f.unit_label, f.month))
else:
    which = st.segmented_control("清单", ["全部", *view.LISTS], default="全部", key="problems_list", required=True)
    chosen = st.multiselect("办理状态", list(view.STATES), key="problems_states", placeholder="全部状态")
    shown = register if which in (None, "全部") else view.three_lists(register)[which]
    if chosen:
        shown = shown.filter(shown["state"].is_in(chosen))
    rows = view.register_table(shown)
    show_table(lists.capped(rows), export=rows,
               name=exports.file_name("问题清单", f.unit_label, "" if which == "全部" else which, "、".join(chosen),
                                      f.month),
               column_config={"问题描述": st.column_config.TextColumn("问题描述", width="large")})
    if note := lists.cap_note(shown.height):
        st.caption(note)
st.caption(view.definition())
