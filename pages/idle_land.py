"""“五未”土地: how much land is stuck at which step, where, for how long, and what changed since last month."""
import streamlit as st

from cockpit import exports, filters, navigation, queries, store
from cockpit.charts import show, show_table
from cockpit.metrics import format_value
from cockpit.views import idle_land as view
from cockpit.views import lists

f = filters.current()
st.title("“五未”土地")
filters.require_data(f)

# Counts and charts by SQL aggregates; the parcel list fetches only the rows it shows (issue 19 §6).
by_unit = queries.run("idle__by_unit", month=f.month, unit=f.unit)
recon = queries.run("idle__reconciliation", month=f.month, unit=f.unit)
total = view.grand_total(by_unit)
per_category = view.totals(by_unit)
prev_month = by_unit["prev_month"][0]
compared = f"较{filters.month_label(prev_month)}" if prev_month else "无上一期快照，不计环比"
st.caption(f"{f.month_label}　{f.unit_label}　｜　{compared}")

# Every parcel is accounted for: 地块总数 = Σ五类 + 已达规 + 数据不全 (issue 10 item 4).
st.caption(view.reconciliation_text(recon))

# Numbers on top, a measure switch, one figure per tab, the list.
height = 480
cols = st.columns(len(per_category) + 1)
cols[0].metric(f"“五未”土地（{total['parcels']:,.0f}宗）", format_value(total["idle_area"], "亩"),
               delta=None if total["idle_area_prev"] is None
               else format_value(total["idle_area"] - total["idle_area_prev"], "亩"),
               delta_color="inverse")
for col, row in zip(cols[1:], per_category.iter_rows(named=True)):
    col.metric(f"{row['category']}（{row['parcels']:,}宗）", format_value(row["idle_area"], "亩"),
               delta=None if row["idle_area_prev"] is None
               else format_value(row["idle_area"] - row["idle_area_prev"], "亩"),
               delta_color="inverse")
measure = {"面积（亩）": "area", "地块数（宗）": "count"}[
    st.segmented_control("度量", ["面积（亩）", "地块数（宗）"], default="面积（亩）", key="idle_measure",
                         required=True)]
tab_names = ["分布", "滞留时长", "环比变化", "地块清单", "核对"]
tab = navigation.tab_bar(tab_names, key="idle_tab")

if tab == "分布":
    show(view.by_unit_figure(by_unit, measure), name=f"{f.unit_label}“五未”土地分布",
         data_date=f.month_label, height=height)
    st.caption(view.DEFINITION)

if tab == "滞留时长":
    show(view.aging_figure(queries.run(view.AGING_QUERY, month=f.month, unit=f.unit), measure), name=f"{f.unit_label}“五未”土地滞留时长",
         data_date=f.month_label, height=height)
    st.caption(view.AGING_DEFINITION)

if tab == "环比变化":
    if prev_month is None:
        st.info("所选月份之前没有土地快照，无法计算环比变化。")
    else:
        # Analysts compare the selected month with any earlier one (the previous snapshot by default).
        earlier = [m for m in reversed(store.months()) if m < f.month]
        base = st.columns([1, 3])[0].selectbox("对比月份", earlier, index=earlier.index(prev_month)
                                               if prev_month in earlier else 0,
                                               format_func=filters.month_label, key="idle_base_month")
        base_changes = queries.run("idle__changes", month=f.month, base_month=base, unit=f.unit)
        against = f"{filters.month_label(base)}→{f.month_label}"
        show(view.change_figure(view.change_summary(base_changes), measure),
             name=f"{f.unit_label}“五未”土地变化（{against}）", data_date=f.month_label, height=height)
        st.caption(view.CHANGE_DEFINITION.replace("上一期土地快照", "所选对比月份的土地快照"))
        show_table(view.change_table(base_changes),
                   name=exports.file_name("五未土地变化清单", f.unit_label, base, f.month))
        trend = queries.run("idle__trend", month=f.month, unit=f.unit)
        show(view.trend_figure(trend, measure), name=f"{f.unit_label}“五未”土地月度走势（截至{f.month_label}）",
             data_date=f.month_label, height=height)
        st.caption(view.TREND_DEFINITION)

if tab == "地块清单":
    c1, c2, c3 = st.columns([2, 2, 1])
    categories = c1.multiselect("类别", list(view.CATEGORIES), key="idle_categories", placeholder="全部类别")
    buckets = c2.multiselect("滞留时长", view.aging_buckets(queries.run(view.AGING_QUERY, month=f.month, unit=f.unit)),
                             key="idle_buckets", placeholder="全部时长")
    min_area = c3.number_input("最小面积（亩）", min_value=0.0, value=0.0, step=1.0, key="idle_min_area")
    chosen = {"month": f.month, "unit": f.unit, **view.list_params(categories, buckets, min_area)}
    shown = queries.run(view.LIST_SUMMARY_QUERY, **chosen).row(0, named=True)
    st.caption(f"共{shown['parcels']:,}宗，“五未”面积{format_value(shown['idle_area'], '亩', 1)}"
               "（最小面积按“五未”面积筛选）")
    # the browser gets the first [display] list_rows rows (in the list's order); 导出Excel, built on click, all
    show_table(view.parcel_table(queries.run(view.LIST_QUERY, **chosen, limit=lists.list_rows())),
               export=lambda: view.parcel_table(queries.run(view.LIST_QUERY, **chosen, limit=None)),
               name=exports.file_name("五未土地清单", f.unit_label, "、".join(categories), "、".join(buckets),
                                      f"≥{min_area:g}亩" if min_area else "", f.month))
    if note := lists.cap_note(shown["parcels"]):
        st.caption(note)

if tab == "核对":
    st.markdown(view.reconciliation_text(recon))
    show_table(view.reconciliation_table(recon), name=exports.file_name("五未土地核对", f.unit_label, f.month))
    gaps = queries.run("idle__data_gaps", month=f.month, unit=f.unit)
    st.markdown(f"**数据不全的地块（{gaps.height:,}宗）**：日期缺环，无法判断所处环节，未计入“五未”，请补全后重新导入。")
    if gaps.height:
        show_table(view.data_gap_table(gaps), name=exports.file_name("五未土地数据不全清单", f.unit_label, f.month))
    st.caption(view.DEFINITION)
