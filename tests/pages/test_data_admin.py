"""数据管理: viewers never see the upload; an administrator signs in with the configured password."""
from streamlit.testing.v1 import AppTest

from cockpit import REPO_DIR
from cockpit.auth import hash_password
from tests.helpers import choose_tab, project, write

PAGE = str(REPO_DIR / "pages" / "data_admin.py")


def uploaders(at: AppTest) -> list:
    return [e for e in at.get("file_uploader")]


def test_viewer_sees_no_upload(data_root):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.secrets["cockpit_auth"] = {"admin_password_hash": hash_password("secret")}
    at.run()
    assert not at.exception
    assert uploaders(at) == []
    assert at.text_input[0].label == "管理员密码"


def test_wrong_password_keeps_upload_hidden_and_right_one_shows_it(data_root):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.secrets["cockpit_auth"] = {"admin_password_hash": hash_password("口令2020")}
    at.run()
    at.text_input[0].input("wrong")
    at.button[0].click().run()
    assert uploaders(at) == [] and at.error[0].value.startswith("密码不正确")
    at.text_input[0].input("口令2020")
    at.button[0].click().run()
    assert not at.exception
    assert len(uploaders(at)) == 1


def test_uploader_takes_every_suffix_the_import_reads(data_root):
    from cockpit.ingest import read

    at = AppTest.from_file(PAGE, default_timeout=60)
    at.secrets["cockpit_auth"] = {"admin_password_hash": hash_password("secret")}
    at.run()
    at.text_input[0].input("secret")
    at.button[0].click().run()
    uploader = uploaders(at)[0]
    # No type list: the browser would refuse another type in English, the import refuses it in Chinese.
    assert list(uploader.proto.type) == []
    assert all(f".{s}" in uploader.proto.label for s in read.ACCEPTED_SUFFIXES)
    assert "每个文件不超过20MB" in uploader.proto.help


def test_import_help_lists_every_accepted_suffix():
    import re

    from cockpit import __main__ as cli
    from cockpit.ingest import read

    assert re.findall(r"\.([a-z]+)", cli.IMPORT_HELP) == list(read.ACCEPTED_SUFFIXES)


def test_without_configured_sign_in_nobody_imports(data_root):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert uploaders(at) == [] and at.caption[0].value == "需要管理员登录"
    shown = [e.value for e in [*at.caption, *at.info, *at.warning, *at.error, *at.markdown]]
    assert not [t for t in shown if "secrets" in t or "python -m" in t], shown


def test_history_lists_imports(data_root):
    write(data_root, "2020-03", projects=[project(1), project(2)])
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.dataframe  # one view at a time: 导入数据 first
    history = choose_tab(at, "data_admin_tab", "快照历史").dataframe[0].value
    assert history["行数"].to_list() == [2] and history["表"].to_list() == ["项目库"]


def rows(frame) -> list[tuple]:
    """Rows of a dataframe AppTest shows (pandas)."""
    return [tuple(r) for r in frame.itertuples(index=False, name=None)]


def signed_in(password: str = "口令2020") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.secrets["cockpit_auth"] = {"admin_password_hash": hash_password(password)}
    at.run()
    at.text_input[0].input(password)
    at.button[0].click().run()
    return at


def test_admin_checks_previews_and_imports(data_root, tmp_path):
    from cockpit import store
    from tests.ingest.files import PROJECT_HEADERS, project_row, xlsx

    write(data_root, "2020-03", projects=[project(1)])
    path = xlsx(tmp_path / "项目库_2020-03.xlsx",
                {"项目库": [PROJECT_HEADERS, project_row(1), project_row(2), project_row(3, **{"总投资（万元）": "5"})]})
    at = signed_in()
    at.text_input(key="import_month").input("2020-03")
    at.get("file_uploader")[0].upload(path.name, path.read_bytes()).run()
    assert not at.exception
    problems, counts, preview = (d.value for d in at.dataframe[:3])
    assert rows(problems) == [("警告", "项目库_2020-03.xlsx", "项目库", 4, "总投资（万元）",
                                "金额小于100万元，疑似按亿元填报，请核实（“5”）")]
    assert rows(counts) == [("项目库", "2020-03", 3)]
    assert preview["县级主体"].tolist() == ["nanhu"] * 3 and preview["总投资（万元）"].tolist() == [20000, 20000, 5]
    assert store.generation() == 1  # nothing written before the confirmation

    next(b for b in at.button if b.label == "确认导入").click().run()
    assert not at.exception
    assert store.generation() == 2 and store.current_files()["row_count"].to_list() == [3]
    assert at.success[0].value.startswith("已导入 2020-03（批次 2）：项目库 3行")
    assert at.success[0].value.endswith("一张网一致性检查：0条不一致（仅提示，见“一张网一致性”）。")  # issue 19 §5
    assert at.get("file_uploader")[0].value in (None, [])  # a fresh uploader: the same files are not imported twice
    assert store.history()["imported_by"][0] == "管理员（密码登录）"


def test_errors_block_the_confirmation(data_root, tmp_path):
    from cockpit import store
    from tests.ingest.files import PROJECT_HEADERS, project_row, xlsx

    path = xlsx(tmp_path / "项目.xlsx", {"项目库": [PROJECT_HEADERS, project_row(1, 项目名称=None)]})
    at = signed_in()
    at.text_input(key="import_month").input("2020-03")
    at.get("file_uploader")[0].upload(path.name, path.read_bytes()).run()
    assert "发现 1 个错误、0 个警告，未写入任何数据" in at.error[0].value
    assert rows(at.dataframe[0].value)[0] == ("错误", "项目.xlsx", "项目库", 2, "项目名称", "必填项为空")
    assert not [b for b in at.button if b.label == "确认导入"]
    assert store.generation() == 0
    # Nothing of the refused file stays in the session: an empty uploader, no parsed frames, only the problems.
    assert at.get("file_uploader")[0].value in (None, [])
    assert "import_check" not in at.session_state
