"""数据管理: check and import source files (administrators), blank templates, snapshot history."""
import polars as pl
import streamlit as st

from cockpit import auth, filters, schema, store
from cockpit.ingest import importer, templates

st.title("数据管理")
upload_tab, template_tab, history_tab = st.tabs(["导入数据", "导入模板", "快照历史"])

with upload_tab:
    if not auth.is_admin():
        st.caption("只有管理员可以导入数据。")
        auth.sign_in()
    else:
        st.button("退出登录", on_click=auth.sign_out, type="tertiary", icon=":material/logout:")
        months = store.months()
        month = st.text_input("快照月份（YYYY-MM）", value=months[-1] if months else "", key="import_month",
                              help="导入的表替换该月份的同名表；未提供的表保持不变。年度目标按文件中的“年度”保存。")
        files = st.file_uploader("源数据文件（.xlsx / .csv，可多选）", type=["xlsx", "csv"],
                                 accept_multiple_files=True, key="import_files")
        sources = [importer.SourceInput(f.name, f.getvalue()) for f in files or []]
        if sources:
            result, writes = importer.check(sources, month)
            counts = "、".join(f"{schema.TABLES[t].title} {n:,}行" for t, n in result.row_counts.items())
            if result.errors:
                st.error(f"发现 {len(result.errors)} 个错误、{len(result.warnings)} 个警告。修正后重新上传；"
                         "未写入任何数据。")
            else:
                st.success(f"校验通过：{counts}；{len(result.warnings)} 个警告。确认后写入 {month} 快照。")
            if result.problems:
                st.dataframe(pl.DataFrame(
                    [{"级别": "错误" if p.level == "error" else "警告", "文件": p.file, "工作表": p.sheet,
                      "行": p.row, "列": p.column, "原因": p.reason} for p in result.problems]),
                    hide_index=True, width="stretch")
            for write in writes:
                table = schema.TABLES[write.table]
                with st.expander(f"预览：{table.title}（{write.period}，{write.frame.height:,}行）"):
                    st.dataframe(write.frame.head(20), hide_index=True, width="stretch")
            if result.ok and st.button("确认导入", type="primary", icon=":material/upload:"):
                done = importer.import_sources(sources, month, imported_by="admin")
                st.success(f"已导入 {month}（批次 {done.generation}）：{counts}。各页面已使用新快照。")

with template_tab:
    st.caption("表头须与模板一致（顺序不限，带 * 为必填，多余列会被忽略并提示）。每个模板含“说明”页。")
    columns = st.columns(len(schema.TABLES) + 1)
    for column, table in zip(columns, schema.TABLES.values()):
        column.download_button(f"{table.title}模板", data=templates.workbook_bytes([table.name]),
                               file_name=f"{table.title}模板.xlsx", icon=":material/download:", on_click="ignore")
    columns[-1].download_button("全部模板（一个文件）", data=templates.workbook_bytes(),
                                file_name="双进双产导入模板.xlsx", icon=":material/download:", on_click="ignore")

with history_tab:
    history = store.history()
    if history.is_empty():
        st.info("尚无导入记录。")
    else:
        titles = {name: t.title for name, t in schema.TABLES.items()}
        source_names = (pl.col("source_files").str.json_decode(
            pl.List(pl.Struct({"name": pl.String, "sha256": pl.String})))
            .list.eval(pl.element().struct.field("name")).list.join("、"))
        st.dataframe(history.select(
            批次="generation", 表=pl.col("table_name").replace_strict(titles), 期间="period", 行数="row_count",
            导入时间="imported_at", 导入人="imported_by", 来源文件=source_names,
            当前=pl.when("is_current").then(pl.lit("✓")).otherwise(pl.lit("")),
        ), hide_index=True, width="stretch")
        st.caption(f"共 {history['generation'].n_unique()} 次导入；已导入月份："
                   f"{'、'.join(filters.month_label(m) for m in store.months())}")
