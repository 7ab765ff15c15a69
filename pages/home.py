"""首页: which snapshot is loaded, what it holds, and where to go next."""
import polars as pl
import streamlit as st

from cockpit import filters, queries, store

f = filters.current()
st.title("嘉兴市产业项目“双进双产”")
st.caption("引进 · 推进 · 投产 · 达产　｜　数据均来自已导入的月度快照")
filters.require_data(f)

counts = queries.run("home__row_counts", month=f.month)
st.subheader(f"当前快照：{f.month_label}　{f.unit_label}")
for column, row in zip(st.columns(len(counts)), counts.iter_rows(named=True)):
    column.metric(row["table_title"], f"{row['row_count']:,}行")

history = store.history()
latest = history.filter(history["period"].is_in([f.month, f.month[:4]]) & history["is_current"])
st.markdown("#### 本月快照来源")
st.dataframe(
    latest.select(
        表=latest["table_name"].replace_strict(
            {"projects": "项目库", "land": "土地", "nodes": "推进节点", "indicators": "月度指标",
             "targets": "年度目标"}, default=latest["table_name"]),
        期间="period", 行数="row_count", 导入时间="imported_at", 导入批次="generation",
        来源文件=latest["source_files"].str.json_decode(pl.List(pl.Struct({"name": pl.String, "sha256": pl.String})))
        .list.eval(pl.element().struct.field("name")).list.join("、"),
    ),
    hide_index=True, width="stretch",
)
st.caption(f"已导入月份：{'、'.join(filters.month_label(m) for m in store.months())}")
