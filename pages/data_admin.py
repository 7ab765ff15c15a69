"""数据管理: check and import source files (administrators), blank templates, snapshot history."""
import streamlit as st

from cockpit import auth, filters, navigation, schema, store
from cockpit.charts import show_table
from cockpit.components import consistency as consistency_block
from cockpit.ingest import archive, importer, read, templates
from cockpit.text import literal
from cockpit.views import data_admin as view

ROUND_KEY = "import_round"  # bumped after an import, so the uploader starts empty again
DONE_KEY = "import_done"  # the success message, shown once after the rerun
REFUSED_KEY = "import_refused"  # (file names, month, problems) of the last refused check: nothing of the files


def checked(sources: list[importer.SourceInput], month: str):
    """The check of these files for this month, kept in the session so a rerun does not check twice."""
    key = (month, store.generation(), tuple((s.name, s.sha256) for s in sources))
    cached = st.session_state.get("import_check")
    if cached is None or cached[0] != key:
        cached = (key, *importer.check(sources, month))
        st.session_state["import_check"] = cached
    return cached[1], cached[2]


def refused(sources: list[importer.SourceInput], month: str, result: importer.ImportResult) -> None:
    """Keeps only the problems of a refused check (at most [import] max_errors lines and a count per column), then
    empties the uploader, so that neither the files nor what was read from them stay in the session."""
    st.session_state.pop("import_check", None)
    st.session_state[REFUSED_KEY] = ("、".join(s.name for s in sources), month, result.problems)
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    st.rerun()


def show_refused() -> None:
    names, month, problems = st.session_state[REFUSED_KEY]
    errors = [p for p in problems if p.level == "error"]
    st.error(literal(f"{names}（{month}）：发现 {len(errors)} 个错误、{len(problems) - len(errors)} 个警告，"
                     f"未写入任何数据。请修正后重新上传。首个错误：{errors[0] if errors else '无'}"))
    show_table(view.problems_frame(problems), None)


def import_panel() -> None:
    st.button("退出登录", on_click=auth.sign_out, type="tertiary", icon=":material/logout:")
    if done := st.session_state.pop(DONE_KEY, None):
        st.success(done)
    months = store.months()
    month = st.text_input("快照月份（YYYY-MM）", value=months[-1] if months else "", key="import_month",
                          help="导入的表替换该月份的同名表；未提供的表保持不变。年度目标按文件中的“年度”保存。")
    suffixes = " / ".join(f".{s}" for s in read.ACCEPTED_SUFFIXES)
    # No type list: the browser would refuse another type in English; the import says why in Chinese.
    files = st.file_uploader(f"源数据文件（{suffixes}，可多选）", accept_multiple_files=True,
                             key=f"import_files_{st.session_state.get(ROUND_KEY, 0)}",
                             help=f"每个文件不超过{archive.limits().max_file_mb}MB")
    st.caption(f"支持 {suffixes}；每个文件不超过{archive.limits().max_file_mb}MB（更大的文件会被浏览器拒绝）。")
    sources = [importer.SourceInput(f.name, f.getvalue()) for f in files or []]
    if not sources:
        if REFUSED_KEY in st.session_state:
            show_refused()
        return
    st.session_state.pop(REFUSED_KEY, None)
    result, writes = checked(sources, month)
    if result.errors:
        refused(sources, month, result)
    st.success(f"校验通过，{len(result.warnings)} 个警告。确认后写入 {month} 快照。")
    if result.problems:
        show_table(view.problems_frame(result.problems), None)
    if writes:
        st.markdown("#### 将写入")
        show_table(view.counts_frame(writes), None)
        for write in writes:
            title = schema.TABLES[write.table].title
            with st.expander(f"预览：{title}（{write.period}，前{min(write.frame.height, view.PREVIEW_ROWS)}行）"):
                show_table(view.preview(write), None)
    if st.button("确认导入", type="primary", icon=":material/upload:", disabled=not result.ok,
                 help=None if result.ok else "存在错误，不能导入"):
        outcome = importer.import_sources(sources, month, imported_by=auth.user_label())
        if outcome.ok:
            # Pages read through caches keyed by the import generation; clear Streamlit's own too.
            st.cache_data.clear()
            st.cache_resource.clear()
            st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
            counts = "、".join(f"{schema.TABLES[t].title} {n:,}行" for t, n in outcome.row_counts.items())
            st.session_state[DONE_KEY] = (f"已导入 {month}（批次 {outcome.generation}）：{counts}。各页面已使用新快照。"
                                          + consistency_block.after_import(month))  # issue 19 §5
            st.rerun()
        st.error("导入未完成：" + literal("；".join(str(p) for p in outcome.errors)))


st.title("数据管理")
# one view drawn at a time (st.tabs ran every tab: the 一张网 check took 2–4 s at 1,500,000 projects a month on
# every visit to the import)
tab = navigation.tab_bar(["导入数据", "导入模板", "快照历史", "一张网一致性"], key="data_admin_tab")

if tab == "导入数据":
    if auth.is_admin():
        import_panel()
    else:  # viewers never see the uploader
        st.caption(auth.VIEWER_MESSAGE)
        auth.sign_in()

if tab == "导入模板":
    st.caption("表头须与模板一致（顺序不限，带 * 为必填，多余列会被忽略并提示）。每个模板含“说明”页。")
    columns = st.columns(len(schema.TABLES) + 1)
    for column, table in zip(columns, schema.TABLES.values()):
        column.download_button(f"{table.title}模板", data=templates.workbook_bytes([table.name]),
                               file_name=f"{table.title}模板.xlsx", icon=":material/download:", on_click="ignore")
    columns[-1].download_button("全部模板（一个文件）", data=templates.workbook_bytes(),
                                file_name="双进双产导入模板.xlsx", icon=":material/download:", on_click="ignore")

if tab == "快照历史":
    history = view.history_frame(store.history())
    if history.is_empty():
        st.info("尚无导入记录。")
    else:
        show_table(history, None)
        st.caption(f"共 {history['批次'].n_unique()} 次导入；已导入月份："
                   f"{'、'.join(filters.month_label(m) for m in store.months())}")
        st.caption("当前各会话正在读取的批次：" + ("、".join(f"批次 {g}（{n} 个）" for g, n in store.open_generations().items() if n) or "无"))

if tab == "一张网一致性":  # issue 19 §5: where 项目库, 土地, 推进节点 and 月度指标 disagree (helper lookahead)
    consistency_block.render()
