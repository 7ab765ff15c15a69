"""项目查询: find projects by name, code and facets; one project's lifecycle, nodes, land, 履约 and history."""
import streamlit as st

from cockpit import exports, filters, labels, queries
from cockpit.charts import show, show_table
from cockpit.text import literal
from cockpit.views import lists
from cockpit.views import project_explorer as view
from cockpit.views import snail_warnings

f = filters.current()
st.title("项目查询")
filters.require_data(f)
st.caption(f"{f.month_label}　{f.unit_label}")

st.query_params.pop("name", None)  # the project name a table's link carried for display
search = st.text_input("搜索", key="explorer_search", placeholder="项目名称或项目代码（部分即可）").strip()
current_slot = st.empty()  # filled with a link down to the project view once one is chosen
warning_params = snail_warnings.warning_params()
# Filters apply in SQL; the browser gets the first [display] list_rows rows, the count and 总投资 come from an
# aggregate, and 导出Excel builds the whole filtered list on click (issue 19 §6).
facets = queries.run(view.FACETS_QUERY, month=f.month, unit=f.unit, search=search)

with st.expander("筛选", expanded=True):
    c1, c2, c3 = st.columns(3)
    categories = c1.multiselect("项目类别", view.facet_values(facets, "category"),
                                key="explorer_categories", placeholder="全部")
    industries = c2.multiselect("所属产业", view.facet_values(facets, "industry"),
                                key="explorer_industries", placeholder="全部")
    stages = c3.multiselect("阶段", view.stage_names(), key="explorer_stages", placeholder="全部")
    c4, c5, c6 = st.columns(3)
    sizes = c4.multiselect("规模", list(view.SIZE_TIERS), key="explorer_sizes", placeholder="全部")
    leaders = c5.multiselect("联系领导", list(view.LEADER_TIERS), key="explorer_leaders", placeholder="全部")
    grades = c6.multiselect("预警等级", list(view.WARNING_OPTIONS), key="explorer_grades", placeholder="全部",
                            format_func=lambda g: snail_warnings.GRADE_LABELS.get(g, g))
    c7, c8, _ = st.columns(3)
    snails = c7.multiselect("蜗牛项目", list(view.SNAIL_OPTIONS), key="explorer_snails", placeholder="全部")
    idle = c8.multiselect("“五未”地块", list(view.IDLE_OPTIONS), key="explorer_idle", placeholder="全部",
                          help="项目代码关联的地块本月所处的“五未”类别")

listed = {"month": f.month, "unit": f.unit, "search": search, **warning_params,
          **view.list_params(categories, industries, stages, sizes, leaders, grades, snails, idle)}
summary = queries.run(view.LIST_SUMMARY_QUERY, **listed).row(0, named=True)
st.caption(f"共{summary['projects']:,}个项目，总投资{summary['total_investment_yi']:,.2f}亿元。点选一行查看项目详情。")
code_column, name_column = labels.header("project_code"), labels.header("project_name")
on_screen = view.list_table(queries.run(view.LIST_QUERY, **listed, limit=lists.list_rows()))
list_key = view.list_key(f.month, on_screen[code_column])
preselected = view.row_of(on_screen, st.query_params.get("project"))
chosen = (categories, industries, stages, sizes, leaders, grades, snails, idle)  # for the file name
event = show_table(on_screen, name=exports.file_name("项目查询", f.unit_label, search,
                                                     *("、".join(c) for c in chosen), f.month),
                   export=lambda: view.list_table(queries.run(view.LIST_QUERY, **listed, limit=None)), height=420, links=False, key=list_key, on_select="rerun", selection_mode="single-row",
                   selection_default={"selection": {"rows": [preselected]}} if preselected is not None else None,
                   column_config={name_column: st.column_config.TextColumn(name_column, width="medium", pinned=True)})
st.caption(" ".join(filter(None, [lists.cap_note(summary["projects"]), view.LIST_DEFINITION])))

# The selected row drives ?project= (a link that can be shared); see view.chosen_project.
selected_rows = [r for r in event.selection.rows if r < on_screen.height]
code, st.session_state["explorer_selection"] = view.chosen_project(
    on_screen[code_column][selected_rows[0]] if selected_rows else None, st.query_params.get("project"), list_key,
    st.session_state.get("explorer_selection"))
if not code:
    st.query_params.pop("project", None)
    st.stop()
if st.query_params.get("project") != code:
    st.query_params["project"] = code

# ---- one project ----
history = queries.run("explorer__project_history", code=code, month=f.month)
st.divider()
if history.is_empty():
    st.warning(f"截至{f.month_label}的项目库快照中没有项目代码为 {literal(code)} 的项目。")
    st.stop()
project = history.row(-1, named=True)
month = project["snapshot_month"]
st.header(literal(project["project_name"]), anchor="project-view")
current_slot.markdown(f"当前项目：[{literal(project['project_name'])}（{literal(code)}）↓](#project-view)")
if month != f.month:
    st.info(f"{f.month_label}项目库中已无此项目，以下为其最后一期（{filters.month_label(month)}）的数据。")
facts = view.header_facts(project)
cols = st.columns(len(facts))
for col, (label, value) in zip(cols, facts.items()):
    col.markdown(f"**{label}**  \n{literal(value)}")

own_warning = queries.run(view.PROJECT_WARNING_QUERY, code=code, month=month, **warning_params)
if own_warning.height:
    row = own_warning.row(0, named=True)
    text = f"**{snail_warnings.GRADE_LABELS[row['grade']]}**：{row['reasons']}"
    {"红": st.error, "黄": st.warning}.get(row["grade"], st.info)(text)
else:
    st.success("本月无分级预警。")

name = project["project_name"]
left, right = st.columns(2)
with left:
    st.subheader("全生命周期")
    show(view.timeline_figure(project), name=f"{name}_全生命周期", data_date=filters.month_label(month), height=460)
    st.caption(view.TIMELINE_DEFINITION)
with right:
    st.subheader("推进节点")
    nodes = queries.run("explorer__project_nodes", code=code, month=month)
    if nodes.is_empty():
        st.info("该项目没有推进节点数据。")
    else:
        show(view.nodes_figure(nodes), name=f"{name}_推进节点", data_date=filters.month_label(month), height=460)
        st.caption(view.NODES_DEFINITION)

left, right = st.columns(2)
with left:
    st.subheader("投资与履约")
    for row in view.chunks(view.performance_facts(project), 4):
        for col, (label, value) in zip(st.columns(4), row):
            col.markdown(f"**{label}**  \n{value}")
    show(view.performance_figure(project), name=f"{name}_履约", data_date=filters.month_label(month), height=300)
    st.caption(view.PERFORMANCE_DEFINITION)
with right:
    st.subheader("用地")
    land = queries.run("explorer__project_land", code=code, month=month)
    if land.is_empty():
        st.info("土地库中没有登记此项目代码的地块。")
    else:
        parcels = view.land_table(land)
        st.caption(f"{parcels.height}宗，合计{land['area'].sum():,.2f}亩")
        show_table(parcels, name=exports.file_name(name, code, "地块", month))
    st.subheader("历史快照")
    past = view.history_table(history)
    show_table(past, name=exports.file_name(name, code, "历史快照", month))

if not nodes.is_empty():
    with st.expander("推进节点明细"):
        node_rows = view.node_table(nodes)
        show_table(node_rows, name=exports.file_name(name, code, "推进节点明细", month))
