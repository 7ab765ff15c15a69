"""数据管理: viewers never see the upload; an administrator signs in with the configured password."""
import hashlib

from streamlit.testing.v1 import AppTest

from cockpit import REPO_DIR
from tests.helpers import project, write

PAGE = str(REPO_DIR / "pages" / "data_admin.py")


def uploaders(at: AppTest) -> list:
    return [e for e in at.get("file_uploader")]


def test_viewer_sees_no_upload(data_root):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.secrets["cockpit_auth"] = {"admin_password_sha256": hashlib.sha256(b"secret").hexdigest()}
    at.run()
    assert not at.exception
    assert uploaders(at) == []
    assert at.text_input[0].label == "管理员密码"


def test_wrong_password_keeps_upload_hidden_and_right_one_shows_it(data_root):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.secrets["cockpit_auth"] = {"admin_password_sha256": hashlib.sha256("口令2020".encode()).hexdigest()}
    at.run()
    at.text_input[0].input("wrong")
    at.button[0].click().run()
    assert uploaders(at) == [] and at.error[0].value == "密码不正确。"
    at.text_input[0].input("口令2020")
    at.button[0].click().run()
    assert not at.exception
    assert len(uploaders(at)) == 1


def test_without_configured_sign_in_nobody_imports(data_root):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert uploaders(at) == [] and "未配置管理员登录" in at.info[0].value


def test_history_lists_imports(data_root):
    write(data_root, "2020-03", projects=[project(1), project(2)])
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    history = at.dataframe[0].value
    assert history["行数"].to_list() == [2] and history["表"].to_list() == ["项目库"]
