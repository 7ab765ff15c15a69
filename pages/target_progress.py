"""目标进度: where the year stands against the plan, for 全市 or one unit, read against 序时进度."""
import polars as pl
import streamlit as st

from cockpit import exports, filters, labels, navigation, queries, units
from cockpit.charts import show, show_table
from cockpit.views import map as map_view
from cockpit.views import target_progress as progress
from cockpit.text import literal
from cockpit.views import inspection
from cockpit.metrics import METRIC_BY_KEY, METRICS

f = filters.current()
st.title("目标进度")
filters.require_data(f)

rows = queries.run("progress__by_metric", month=f.month, **progress.status_params())
view = progress.month_view(rows, f.month, f.unit)
pace = progress.pace_of(view)
settings = progress.settings()
scope = f"{f.month_label}　{f.unit_label}"
st.caption(f"{scope}　｜　序时进度 {pace:.1%}（{f.month_number}÷12）")
if progress.targets_missing(rows, f.month):
    st.info(progress.no_targets_note(f.year), icon=":material/flag:")
height = None
# issue 18: projects found 不属实 by 督查核查 are left out of 开工/竣工/投产 (and 达规/达产) and named here
refuted_notes = inspection.refuted_notes(queries.run("inspection__refuted", month=f.month, unit=f.unit), f.unit)
if refuted_notes:
    st.caption(literal("督查核查：" + "；".join(refuted_notes) + "。"))

city = f.unit == units.CITY_ID
if city:
    for note in progress.partial_city_notes(view):
        st.warning(note, icon=":material/report:")
    target_notes = progress.target_sum_notes(view)
    if target_notes:  # the plan's 全市 target need not be the sum of the units' (900 vs 934亿): say where not
        with st.expander(f"全市目标与各主体目标合计不一致（{len(target_notes)}项）", icon=":material/functions:"):
            st.markdown("\n".join(f"- {n}" for n in target_notes))
    for note in progress.reconciliation_notes(view):
        st.warning(f"全市数据与九个主体合计不一致——{note}", icon=":material/rule:")

# The full table first, then the charts, one per tab (the meeting has the 例会 slides).
tab_names = ["全部目标明细", "完成率", "比率与增长", "月度走势"]
tab_names += ["各县级主体", "项目引进要求"] if city else ["项目引进要求"]
tab = navigation.tab_bar(tab_names, key="progress_tab")

if tab == "全部目标明细":
    detail = progress.table(progress.with_projection(view, rows, f.month))  # with 按上年节奏预计全年
    show_table(detail, name=exports.file_name("目标进度", f.unit_label, f.month),
               height=35 * (detail.height + 1) + 3,
               column_config={labels.header(c): st.column_config.TextColumn(pinned=True)
                              for c in ("metric_group", "label")})
    st.caption("金额单位为亿元（外资为亿美元），项目为个，用地为亩；比率与增长类指标的完成值、目标为百分数。"
               + progress.pace_definition() + (progress.CITY_DEFINITION if city else ""))
    st.caption(progress.PROJECTION_DEFINITION)

if tab == "完成率":
    show(progress.pace_figure(view), name=f"{f.unit_label}目标完成率", data_date=f.month_label, height=height)
    st.caption(progress.pace_definition())

if tab == "比率与增长":
    show(progress.rate_growth_figure(view), name=f"{f.unit_label}比率与增长指标", data_date=f.month_label, height=height)
    st.caption("口径：" + "；".join(f"{m.label}：{m.definition}" for m in METRICS if m.kind in ("rate", "growth"))
               + "。")

keys = [m.key for m in METRICS]
if tab in ("月度走势", "各县级主体"):  # the metric both views show
    metric_key = st.columns([1, 2])[0].selectbox(
        "指标", keys, index=keys.index(settings["trend_default"]), key="progress_trend_metric",
        format_func=lambda k: f"{METRIC_BY_KEY[k].group}｜{METRIC_BY_KEY[k].label}")
    metric = METRIC_BY_KEY[metric_key]
if tab == "月度走势":
    show(progress.trend_figure(progress.trend(rows, f.unit, metric_key, f.month), metric_key),
         name=f"{f.unit_label}{metric.label}月度走势（{f.year}年）", data_date=f.month_label, height=height)
    st.caption(f"{metric.label}口径：{metric.definition}。{progress.TREND_DEFINITION}")

if city:
    if tab == "各县级主体":
        show(progress.units_figure(progress.units_view(rows, f.month, metric_key)),
             name=f"各县级主体{metric.label}完成情况", data_date=f.month_label,
             height=height)
        st.caption(f"指标随“月度走势”所选（{metric.label}）。口径：{metric.definition}。"
                   "各主体按本主体下达的目标计算；无目标或无数据（未报送）的主体显示为灰色并注明原因。")

if "项目引进要求" in tab_names:
    if tab == "项目引进要求":
        requirement = progress.requirements(rows, f.month)
        show(progress.requirements_figure(requirement), name="县级主体项目引进要求达成情况",
             data_date=f.month_label, height=height)
        show_table(progress.requirements_table(requirement), name=exports.file_name("县级主体项目引进要求", f.month))
        st.caption(progress.requirement_definition())

# ── A small county map of 工业投资 完成率 (the 地图 page has the full map) ─────────────────────────────────────
investment = progress.units_view(rows, f.month, "industrial_investment")
rates = investment.select("unit_id", value=pl.col("completion") * 100)
st.subheader("各县级主体工业投资完成率")
left, right = st.columns([3, 2])
with left:
    show(map_view.county_choropleth_figure(rates, "工业投资完成率", "%"), name="各县级主体工业投资完成率地图",
         data_date=f.month_label, height=560)
right.caption(f"颜色越深完成率越高；序时进度 {pace:.1%}。经开区、港区无法定行政边界，以大致位置标注。"
              "详见“地图”页。")
with right:
    show_table(labels.table(investment, "unit_name", (pl.col("completion") * 100).alias("completion_pct"),
                            "status"), None)
