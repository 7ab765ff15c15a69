"""Issue 13 §3: two imports of one month at once; the second waits for the lock, replaces the first, and says so."""
from __future__ import annotations

from cockpit.ingest import importer
from tests.hostile.helpers import PROJECT_HEADERS, row, run
from tests.ingest.files import xlsx


def test_the_second_import_says_it_replaced_one_made_seconds_ago(seeded, tmp_path, capsys, monkeypatch):
    first = xlsx(tmp_path / "甲.xlsx", {"项目库": [PROJECT_HEADERS, row(2)]})
    second = xlsx(tmp_path / "乙.xlsx", {"项目库": [PROJECT_HEADERS, row(3)]})
    real_check = importer.check
    calls = []

    def check_while_another_lands(*args, **kwargs):
        """The first import lands while the second is being checked (the second then waits for its lock)."""
        found = real_check(*args, **kwargs)
        if not calls:
            calls.append(None)  # the first import checks through this function too: once only
            calls[0] = importer.import_sources([importer.SourceInput.from_path(first)], "2020-03", imported_by="张三")
        return found

    monkeypatch.setattr(importer, "check", check_while_another_lands)
    outcome = run(seeded, capsys, second)
    assert outcome.code == 0, outcome.err
    assert calls[0].generation == 2 and "已导入 2020-03（批次 3）" in outcome.out
    assert len(outcome.warnings) == 1
    warning = outcome.warnings[0]
    assert warning.startswith("「-」：本次导入替换了")
    seconds = int(warning.split("本次导入替换了")[1].split("秒前")[0])
    assert 0 <= seconds <= 120  # the two imports run back to back; a loaded machine takes longer between them
    assert "刚完成的另一次导入（批次 2，" in warning
    assert "，文件 甲.xlsx，张三）的2020-03“项目库”：两次导入同时进行，现在生效的是本次导入" in warning


def test_one_import_after_another_says_nothing_of_the_kind(seeded, tmp_path, capsys):
    first = xlsx(tmp_path / "甲.xlsx", {"项目库": [PROJECT_HEADERS, row(2)]})
    second = xlsx(tmp_path / "乙.xlsx", {"项目库": [PROJECT_HEADERS, row(3)]})
    assert run(seeded, capsys, first).warnings == []
    assert run(seeded, capsys, second).warnings == []


def test_an_import_confirmed_after_a_preview_names_what_landed_since(seeded, tmp_path, capsys):
    """数据管理 previews the check, then imports on 确认导入: what landed in between is named too."""
    first = xlsx(tmp_path / "甲.xlsx", {"项目库": [PROJECT_HEADERS, row(2)]})
    second = xlsx(tmp_path / "乙.xlsx", {"项目库": [PROJECT_HEADERS, row(3)]})
    seen = importer.current_generations(seeded)
    assert seen == {("projects", "2020-03"): 1}
    assert importer.import_sources([importer.SourceInput.from_path(first)], "2020-03").generation == 2
    result = importer.import_sources([importer.SourceInput.from_path(second)], "2020-03", seen=seen)
    assert result.generation == 3
    [warning] = result.warnings
    assert warning.reason.startswith("本次导入替换了") and "刚完成的另一次导入（批次 2，" in warning.reason
    assert warning.reason.endswith("，文件 甲.xlsx）的2020-03“项目库”：两次导入同时进行，现在生效的是本次导入")
