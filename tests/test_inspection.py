"""督查核查 (issue 18 §1) on tiny hand-made imports through the real import: the cross-table checks, the rule that a
不属实 verdict stands until a later 属实, the counts it changes and the names shown, the figures per unit with
逾期未核查, and the 核查清单's round trip (download → fill in → import)."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from cockpit import queries, store
from cockpit.ingest import crosscheck, importer
from cockpit.ingest.templates import workbook_bytes
from cockpit.views import inspection as view
from tests.hostile.helpers import rejected, run

D = dt.date


def code(serial: int) -> str:
    return f"2020-330402-07-02-{serial:06d}"


def project(serial: int, unit: str = "南湖区", **dates) -> dict:
    row = {"项目代码": code(serial), "项目名称": f"项目{serial}", "县级主体": unit, "项目类别": "制造业",
           "总投资（万元）": 20000, "签约日期": D(2020, 1, 5)}
    headers = {"started": "实际开工日期", "completed": "实际竣工日期", "production": "投产日期",
               "above_scale": "达规日期", "full_capacity": "达产日期"}
    row.update({headers[k]: v for k, v in dates.items()})
    return row


def verdict(serial: int, kind: str, on: dt.date, result: str, **extra) -> dict:
    return {"项目代码": code(serial), "核查类型": kind, "核查日期": on, "核查结论": result, **extra}


def book(**tables: list[dict]) -> bytes:
    names = {"projects": "projects", "inspections": "inspections"}
    return workbook_bytes(frames={names[k]: pl.DataFrame(v) for k, v in tables.items()})


def do_import(root: Path, month: str, data: bytes, name: str = "t.xlsx") -> importer.ImportResult:
    return importer.import_sources([importer.SourceInput(name, data)], month, root=root)


def imported_ok(root: Path, month: str, **tables) -> importer.ImportResult:
    result = do_import(root, month, book(**tables))
    assert result.ok, [str(p) for p in result.errors]
    return result


def actual(month: str, metric: str, unit: str = "nanhu") -> float:
    rows = store.connection().sql(
        "select value from metric_actuals where snapshot_month = ? and source_name = ? and unit_id = ?",
        params=[month, metric, unit]).fetchall()
    return rows[0][0]


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setenv("COCKPIT_TODAY", "2020-06-30")  # the import checks in a child process, which reads it
    monkeypatch.setattr(crosscheck, "today", lambda: D(2020, 6, 30))


# ---------------------------------------------------------------- checks at import

def test_rows_are_rejected_with_row_column_and_reason(data_root, tmp_path, capsys, fixed_today):
    imported_ok(data_root, "2020-03", projects=[project(1, started=D(2020, 3, 5)),
                                                project(2, started=D(2020, 2, 9))])
    path = tmp_path / "核查.xlsx"
    path.write_bytes(book(inspections=[
        verdict(9, "开工", D(2020, 4, 10), "属实"),       # row 2: not in March's 项目库
        verdict(2, "开工", D(2020, 4, 10), "属实"),       # row 3: started in February
        verdict(1, "开工", D(2020, 3, 1), "属实"),        # row 4: checked before the start
        verdict(1, "竣工", D(2020, 7, 1), "属实"),        # row 5: no 竣工 at all, and after today
        verdict(1, "投产", D(2020, 4, 1), "假的"),        # row 6: not a verdict (and no 投产 either)
    ]))
    outcome = rejected(data_root, capsys, path, month="2020-03")
    assert outcome.errors == [
        "「核查.xlsx」工作表“核查结果” 第2行 列“项目代码”：不在2020-03的项目库中",
        "「核查.xlsx」工作表“核查结果” 第3行 列“核查类型”：该项目“实际开工日期”为2020-02-09，不在2020-03，不属本月开工核查范围",
        "「核查.xlsx」工作表“核查结果” 第4行 列“核查日期”：早于“实际开工日期”（2020-03-05），核查不能早于开工",
        "「核查.xlsx」工作表“核查结果” 第5行 列“核查类型”：该项目“实际竣工日期”为空，不在2020-03，不属本月竣工核查范围",
        "「核查.xlsx」工作表“核查结果” 第5行 列“核查日期”：晚于今天（2020-06-30）",
        "「核查.xlsx」工作表“核查结果” 第6行 列“核查结论”：应为 属实、不属实、待核 之一（“假的”）",
        "「核查.xlsx」工作表“核查结果” 第6行 列“核查类型”：该项目“投产日期”为空，不在2020-03，不属本月投产核查范围",
    ]


def test_a_duplicate_key_is_an_error(data_root, tmp_path, capsys, fixed_today):
    imported_ok(data_root, "2020-03", projects=[project(1, started=D(2020, 3, 5))])
    path = tmp_path / "核查.xlsx"
    path.write_bytes(book(inspections=[verdict(1, "开工", D(2020, 4, 1), "属实"),
                                       verdict(1, "开工", D(2020, 4, 2), "不属实")]))
    errors = rejected(data_root, capsys, path, month="2020-03").errors
    assert any("第3行 列“项目代码”：与其他行重复（项目代码、核查类型在同一快照中不能重复）" in e for e in errors), errors


def test_verdicts_alone_need_the_months_project_library(data_root, tmp_path, capsys, fixed_today):
    path = tmp_path / "核查.xlsx"
    path.write_bytes(book(inspections=[verdict(1, "开工", D(2020, 4, 1), "属实")]))
    errors = rejected(data_root, capsys, path, month="2020-03").errors
    assert errors == ["「核查.xlsx」工作表“核查结果”：2020-03 尚无项目库快照，本次也未导入项目库，无法核对“核查结果”，"
                      "请先导入或一并导入2020-03的项目库"]
    imported_ok(data_root, "2020-03", projects=[project(1, started=D(2020, 3, 5))])
    assert run(data_root, capsys, path, month="2020-03").code == 0  # alone, against the stored 项目库


# ---------------------------------------------------------------- the rule and the counts

def test_a_refutation_stands_until_a_later_month_says_true(data_root, fixed_today):
    # March: two starts, one found 不属实. The office corrects the date later; 待核 in May does not lift it,
    # 属实 in June does.
    imported_ok(data_root, "2020-03", projects=[project(1, started=D(2020, 3, 5)), project(2, started=D(2020, 3, 9))],
                inspections=[verdict(1, "开工", D(2020, 4, 8), "不属实"), verdict(2, "开工", D(2020, 4, 8), "属实")])
    assert actual("2020-03", "starts") == 1
    imported_ok(data_root, "2020-04", projects=[project(1, started=D(2020, 3, 5)), project(2, started=D(2020, 3, 9))])
    assert actual("2020-04", "starts") == 1  # no new verdict: it stands
    imported_ok(data_root, "2020-05", projects=[project(1, started=D(2020, 5, 11)), project(2, started=D(2020, 3, 9))],
                inspections=[verdict(1, "开工", D(2020, 6, 2), "待核")])
    assert actual("2020-05", "starts") == 1
    imported_ok(data_root, "2020-06", projects=[project(1, started=D(2020, 6, 3)), project(2, started=D(2020, 3, 9))],
                inspections=[verdict(1, "开工", D(2020, 6, 20), "属实")])
    assert actual("2020-06", "starts") == 2
    assert actual("2020-05", "starts") == 1  # earlier months keep their verdicts
    assert actual("2020-06", "starts", "city") == 2


def test_a_late_verdict_re_derives_the_months_after_it(data_root, fixed_today):
    imported_ok(data_root, "2020-03", projects=[project(1, started=D(2020, 3, 5))])
    imported_ok(data_root, "2020-04", projects=[project(1, started=D(2020, 3, 5))])
    assert (actual("2020-03", "starts"), actual("2020-04", "starts")) == (1, 1)
    # March's verdicts arrive in April, imported alone as March's 核查结果
    imported_ok(data_root, "2020-03", inspections=[verdict(1, "开工", D(2020, 4, 9), "不属实")])
    assert (actual("2020-03", "starts"), actual("2020-04", "starts")) == (0, 0)


def test_derived_milestones_rest_on_the_refuted_type(data_root, fixed_today):
    imported_ok(data_root, "2020-03", projects=[
        project(1, started=D(2020, 1, 5), completed=D(2020, 2, 5), production=D(2020, 3, 2),
                above_scale=D(2020, 3, 20), full_capacity=D(2020, 3, 25)),
        project(2, started=D(2020, 1, 5), completed=D(2020, 3, 5), production=D(2020, 3, 6),
                full_capacity=D(2020, 3, 26))],
        inspections=[verdict(1, "投产", D(2020, 4, 1), "不属实"), verdict(2, "竣工", D(2020, 4, 1), "不属实"),
                     verdict(2, "投产", D(2020, 4, 1), "属实")])
    assert actual("2020-03", "productions") == 1       # project 1's 投产 left out
    assert actual("2020-03", "new_above_scale") == 0   # ... and its 达规, which rests on it
    assert actual("2020-03", "completions") == 1       # project 2's 竣工 left out
    assert actual("2020-03", "new_full_capacity") == 1  # project 1 counts (its 竣工 stands), project 2 does not
    assert actual("2020-03", "starts") == 2
    refuted = queries.run("inspection__refuted", month="2020-03", unit="city")
    assert view.refuted_note(refuted, "productions", "city") == "另有1个经核查不属实，未计入（项目1）"
    assert view.refuted_note(refuted, "new_above_scale", "nanhu") == "另有1个经核查不属实，未计入（项目1）"
    assert view.refuted_note(refuted, "completions", "city") == "另有1个经核查不属实，未计入（项目2）"
    assert view.refuted_note(refuted, "starts", "city") is None
    assert view.refuted_note(refuted, "productions", "xiuzhou") is None


def test_the_setting_counts_refuted_projects_again(data_root, tmp_path, monkeypatch, fixed_today):
    from cockpit import config

    text = config.config_path().read_text(encoding="utf-8").replace("exclude_refuted = true",
                                                                     "exclude_refuted = false")
    path = tmp_path / "cockpit.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("COCKPIT_CONFIG", str(path))
    imported_ok(data_root, "2020-03", projects=[project(1, started=D(2020, 3, 5))],
                inspections=[verdict(1, "开工", D(2020, 4, 8), "不属实")])
    assert actual("2020-03", "starts") == 1
    refuted = queries.run("inspection__refuted", month="2020-03", unit="city")
    assert view.refuted_note(refuted, "starts", "city") == "另有1个经核查不属实，仍计入（按配置）（项目1）"
    assert "exclude_refuted = false" in view.definition()


# ---------------------------------------------------------------- figures per unit, 逾期未核查

def by_unit(today: dt.date) -> dict[str, tuple]:
    rows = queries.run("inspection__by_unit", month="2020-03", today=today, due_day=15)
    return {r["unit_id"]: (r["due_rows"], r["checked"], r["confirmed"], r["refuted"], r["pending"], r["unchecked"],
                           r["completion_rate"], r["overdue"]) for r in rows.iter_rows(named=True)}


def test_figures_per_unit_and_overdue_after_the_15th(data_root, fixed_today):
    imported_ok(data_root, "2020-03", projects=[
        project(1, started=D(2020, 3, 5)), project(2, started=D(2020, 3, 6)),
        project(3, started=D(2020, 1, 6), completed=D(2020, 3, 7)),
        project(4, "秀洲区", started=D(2020, 3, 8)), project(5, "秀洲区", started=D(2020, 2, 8))],
        inspections=[verdict(1, "开工", D(2020, 4, 2), "属实"), verdict(2, "开工", D(2020, 4, 2), "待核"),
                     verdict(4, "开工", D(2020, 4, 3), "不属实")])
    on_15th = by_unit(D(2020, 4, 15))
    assert on_15th["nanhu"] == (3, 2, 1, 0, 1, 1, 2 / 3, False)
    assert on_15th["xiuzhou"] == (1, 1, 0, 1, 0, 0, 1.0, False)
    assert on_15th["haining"] == (0, 0, 0, 0, 0, 0, None, False)
    assert on_15th["city"] == (4, 3, 1, 1, 1, 1, 0.75, False)
    on_16th = by_unit(D(2020, 4, 16))
    assert (on_16th["nanhu"][-1], on_16th["xiuzhou"][-1], on_16th["city"][-1]) == (True, False, True)
    # once April's snapshot exists, its date (2020-04-30) decides, whatever today is
    imported_ok(data_root, "2020-04", projects=[project(1, started=D(2020, 3, 5))])
    assert by_unit(D(2020, 4, 1))["nanhu"][-1] is True
    table = view.unit_table(queries.run("inspection__by_unit", month="2020-03", today=D(2020, 4, 1), due_day=15),
                            "city")
    assert table.row(0) == ("南湖区", 3, 2, 1, 0, 1, 1, 66.7, "逾期未核查")
    assert table.row(-1)[0] == "全市"


# ---------------------------------------------------------------- the 核查清单's round trip

def test_the_checklist_downloads_fills_in_and_imports_as_it_is(data_root, fixed_today):
    imported_ok(data_root, "2020-03", projects=[
        project(1, started=D(2020, 3, 5)), project(2, "秀洲区", started=D(2020, 1, 5), completed=D(2020, 3, 9)),
        project(3, started=D(2020, 2, 5))])
    checklist = queries.run("inspection__checklist", month="2020-03", unit="city")
    assert checklist.select("project_code", "check_type", "event_on").rows() == [
        (code(1), "开工", D(2020, 3, 5)), (code(2), "竣工", D(2020, 3, 9))]
    data = view.checklist_xlsx(checklist, "2020-03")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["核查结果"]
    assert [c.value for c in sheet[1]][:6] == ["项目代码*", "核查类型*", "核查日期*", "核查结论*", "核查人", "说明"]
    assert [c.value for c in sheet[2]][:4] == [code(1), "开工", None, None]  # 核查结论 blank
    assert sheet.cell(2, 7).value == "项目1"
    sheet.cell(2, 3).value, sheet.cell(2, 4).value = dt.datetime(2020, 4, 3), "属实"
    sheet.cell(3, 3).value, sheet.cell(3, 4).value = dt.datetime(2020, 4, 7), "不属实"
    filled = io.BytesIO()
    workbook.save(filled)
    result = do_import(data_root, "2020-03", filled.getvalue(), "核查清单_2020-03.xlsx")
    assert result.ok, [str(p) for p in result.errors]
    assert {p.reason for p in result.warnings} == {"不是“核查结果”模板的列，已忽略"}  # the reference columns
    assert by_unit(D(2020, 4, 20))["city"] == (2, 2, 1, 1, 0, 0, 1.0, False)
    assert actual("2020-03", "completions", "xiuzhou") == 0


def test_verdicts_alone_as_a_gbk_csv_with_full_width_digits(data_root, tmp_path, capsys, fixed_today):
    imported_ok(data_root, "2020-03", projects=[project(1, started=D(2020, 3, 5))])
    path = tmp_path / "核查结果.csv"
    path.write_bytes("项目代码,核查类型,核查日期,核查结论,核查人,说明\n"
                     "２０２０－３３０４０２－０７－０２－００００01,开工,2020年4月3日,不属实,市经信局 王某,=1+1\n"
                     .encode("gbk"))
    outcome = run(data_root, capsys, path, month="2020-03")
    assert outcome.code == 0, outcome.err
    assert actual("2020-03", "starts") == 0
    rows = queries.run("inspection__checklist", month="2020-03", unit="city")
    assert rows.select("project_code", "verdict", "note").row(0) == (code(1), "不属实", "=1+1")  # text, not a formula
