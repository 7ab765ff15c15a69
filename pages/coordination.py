"""统筹: where units compete for the same investors and projects (疑似重复招引, 横向转移, 产业雷同)."""
import streamlit as st

from cockpit import exports, filters, navigation, queries
from cockpit.charts import show, show_table
from cockpit.views import coordination as view

f = filters.current()
st.title("统筹")
filters.require_data(f)
st.caption(f"{f.month_label}　全市九个县级主体（统筹为全市视角，不按所选县级主体筛选）")

tab = navigation.tab_bar(["疑似重复招引", "横向转移", "产业雷同"], key="coordination_tab")

if tab == "疑似重复招引":
    pairs = queries.run(view.DUPLICATES_QUERY, month=f.month, **view.duplicate_params())
    generic = queries.run(view.GENERIC_NAMES_QUERY, month=f.month, **view.generic_params())
    st.markdown(f"#### 疑似重复招引：{pairs.height}对")
    if note := view.generic_note(generic):
        st.caption(note)
    if pairs.height:
        show_table(view.duplicate_table(pairs), name=exports.file_name("疑似重复招引项目", f.month))
    else:
        st.info("未发现疑似重复招引的项目。")
    st.caption(view.duplicate_definition())

if tab == "横向转移":
    moves = queries.run("coordination__moves", month=f.month)
    changed = moves.filter(moves["move_kind"] == "change_unit").height
    st.markdown(f"#### {f.year}年截至{f.month_label}：县级主体变更{changed}个，移出项目库（未投产）{moves.height - changed}个")
    if moves.height:
        show_table(view.move_table(moves), name=exports.file_name("项目横向转移", f.month))
    else:
        st.info("本年各月项目库中没有县级主体变更或未投产即移出的项目。")
    st.caption(view.MOVE_DEFINITION)

if tab == "产业雷同":
    matrix = view.industry_matrix(queries.run("coordination__industry", month=f.month))
    crowded = matrix.filter(matrix["crowded"])["industry"].unique().to_list()
    st.markdown(f"#### {len(crowded)}个产业有{view.settings()['crowded_industry_units']}个及以上县级主体本年签约")
    if matrix.height:
        show(view.industry_figure(matrix), name=f"各县级主体本年签约投资产业分布（{f.month_label}）",
             data_date=f.month_label)
        show_table(view.industry_table(matrix), name=exports.file_name("产业雷同矩阵", f.month))
    else:
        st.info("本年尚无签约项目。")
    st.caption(view.industry_definition())
