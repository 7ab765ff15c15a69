"""一把手招商: leaders' investment-promotion trips per unit this month and this year, and the units whose 党政主要领导
made none this month."""
import streamlit as st

from cockpit import exports, filters, navigation, queries
from cockpit.charts import show, show_table
from cockpit.views import promotion as view

f = filters.current()
st.title("“一把手”外出招商")
filters.require_data(f)

by_unit = queries.run("promotion__by_unit", month=f.month)
trips = queries.run("promotion__trips", month=f.month, unit=f.unit)
total = view.total_row(by_unit, f.unit)
st.caption(f"{f.month_label}　{f.unit_label}　｜　本年累计为1月至{int(f.month[5:])}月")

if not view.imported(by_unit):
    st.info(f"{f.month_label}尚未导入招商活动（模板表“招商活动”，在“数据管理”页导入）。")
else:
    missing = view.no_main_trip_units(by_unit, f.unit)
    if missing:
        st.warning(f"{view.NO_MAIN_TRIP}：" + "、".join(missing), icon=":material/flight_land:")

cols = st.columns(5)
cols[0].metric("主要领导外出", f"{total['month_main_trips']}次",
               help=f"党政主要领导外出招商次数；本年累计{total['ytd_main_trips']}次")
cols[1].metric("领导外出", f"{total['month_trips']}次", help=f"各级领导外出招商次数；本年累计{total['ytd_trips']}次")
cols[2].metric("对接企业", f"{total['month_enterprises']}家", help=f"本年累计{total['ytd_enterprises']}家")
cols[3].metric("签约项目", f"{total['month_signed']}个", help=f"本年累计{total['ytd_signed']}个")
invested = total["month_signed_investment"] / 10000  # whole 亿元 from 100 on: the tile stays readable at 1280 px
cols[4].metric("签约总投资", f"{invested:,.0f}亿元" if invested >= 100 else f"{invested:,.1f}亿元",
               help=f"本年累计{total['ytd_signed_investment'] / 10000:,.2f}亿元")

tab = navigation.tab_bar(["各地招商", "活动清单"], key="promotion_tab")
if tab == "各地招商":
    show(view.trips_figure(by_unit, f.unit), name=f"“一把手”外出招商（{f.month_label}）", data_date=f.month_label)
    show_table(view.unit_table(by_unit, f.unit), name=exports.file_name("一把手外出招商", f.month, f.unit_label))
if tab == "活动清单":
    if trips.is_empty():
        st.info("本月没有招商活动记录。")
    else:
        show_table(view.trips_table(trips), name=exports.file_name("招商活动清单", f.month, f.unit_label))
st.caption(view.DEFINITION)
