"""督查核查: the month's 核查清单 (download, fill in, import), verdicts per unit, 逾期未核查, and the 不属实 projects the
figures leave out."""
import streamlit as st

from cockpit import exports, filters, navigation, queries, units
from cockpit.charts import show, show_table
from cockpit.text import literal
from cockpit.views import inspection as view
from cockpit.views import lists

f = filters.current()
st.title("督查核查")
filters.require_data(f)

by_unit = queries.run("inspection__by_unit", month=f.month, **view.by_unit_params())
checklist = queries.run("inspection__checklist", month=f.month, unit=f.unit)
refuted = queries.run("inspection__refuted", month=f.month, unit=f.unit)
total = view.total_row(by_unit, f.unit)
st.caption(f"{f.month_label}　{f.unit_label}　｜　核查本月实际开工、竣工、投产的项目，次月{view.settings()['due_day']}日前完成")

late = view.overdue_units(view.unit_rows(by_unit, f.unit))
if late:
    st.error("逾期未核查：" + "、".join(late), icon=":material/schedule:")
if not total["imported"] and total["due_rows"]:
    st.info(f"{f.month_label}尚未导入核查结果：下载下方核查清单，填写核查日期与核查结论后在“数据管理”页导入。")

cols = st.columns(6)
cols[0].metric("应核查", f"{total['due_rows']:,}个")
cols[1].metric("已核查", f"{total['checked']:,}个")
cols[2].metric("属实", f"{total['confirmed']:,}个")
cols[3].metric("不属实", f"{total['refuted']:,}个")
cols[4].metric("待核", f"{total['pending']:,}个", help=f"另有未核查{total['unchecked']}个")
cols[5].metric("核查完成率", f"{total['completion_rate']:.1%}" if total["completion_rate"] is not None else "—")

tab = navigation.tab_bar(["各地核查", "核查清单", "不属实项目"], key="inspection_tab")
if tab == "各地核查":
    show(view.by_unit_figure(by_unit, f.unit), name=f"督查核查情况（{f.month_label}）", data_date=f.month_label)
    show_table(view.unit_table(by_unit, f.unit), name=exports.file_name("督查核查情况", f.month, f.unit_label))
if tab == "核查清单":
    st.download_button("下载核查清单（导入模板格式，填写后可直接导入）",
                       data=lambda: view.checklist_xlsx(checklist, f.month),
                       file_name=exports.file_name("核查清单", f.month, f.unit_label) + ".xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       on_click="ignore", icon=":material/download:", key="inspection_checklist_xlsx")
    table = view.checklist_table(checklist)
    note = lists.cap_note(table.height)
    if note:
        st.caption(note)
    show_table(lists.capped(table), name=exports.file_name("核查清单情况", f.month, f.unit_label), export=table)
if tab == "不属实项目":
    if refuted.is_empty():
        st.info("截至本月没有经核查不属实（且尚未复核属实）的项目。")
    else:
        for metric, label in (("starts", "开工"), ("completions", "竣工"), ("productions", "投产"),
                              ("new_above_scale", "新投产达规"), ("new_full_capacity", "新竣工达产")):
            text = view.refuted_note(refuted, metric, f.unit)
            if text:
                st.markdown(f"- **{label}**：{literal(text)}")
        st.caption("下表为本年开工、竣工、投产日期的不属实项目（以前年度的不属实结论不影响本年个数）。")
        show_table(view.refuted_table(view.this_year(refuted)),
                   name=exports.file_name("经核查不属实项目", f.month, f.unit_label))
st.caption(view.definition())
if f.unit != units.CITY_ID and not view.unit_rows(by_unit, f.unit).height:
    st.info("所选县级主体没有核查数据。")
