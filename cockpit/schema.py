"""The five source tables: their Chinese template headers, stored names and kinds of value.

This is the one contract between import templates, validation, the snapshot store and the SQL.
Kinds:
  code        项目代码 shaped YYYY-AAAAAA-NN-NN-NNNNNN     text     free text
  unit        one of the nine units                        unit_or_city  a unit or 全市
  category    制造业 / 生产性服务业                        node     a 推进节点 name
  money_cny   万元 (stored)                                money_usd  万美元 (stored)
  area        亩                                           number   a plain number (unit given in another column)
  date        a calendar date                              bool     是/否
  lon / lat   WGS84 degrees inside Jiaxing                 month    YYYY-MM     year   YYYY
  indicator   a 月度指标 name                              target   a 年度目标 name    measure  计量单位
"""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class Column:
    header: str
    name: str
    kind: str
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    title: str  # sheet name of the template
    period: str  # "month": one snapshot per month; "year": one per year (targets)
    key: tuple[str, ...]  # columns that must be unique within a snapshot
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def _c(header: str, name: str, kind: str, required: bool = False) -> Column:
    return Column(header, name, kind, required)


PROJECTS = Table("projects", "项目库", "month", ("project_code",), (
    _c("项目代码", "project_code", "code", True),
    _c("项目名称", "project_name", "text", True),
    _c("县级主体", "unit_id", "unit", True),
    _c("项目类别", "category", "category", True),
    _c("所属产业", "industry", "text"),
    _c("总投资（万元）", "total_investment", "money_cny", True),
    _c("外资金额（万美元）", "foreign_investment", "money_usd"),
    _c("世界500强", "is_fortune500", "bool"),
    _c("行业领先企业", "is_industry_leader", "bool"),
    _c("战略性新兴产业", "is_strategic_emerging", "bool"),
    _c("高新技术产业", "is_high_tech", "bool"),
    _c("高端装备制造业", "is_high_end_equipment", "bool"),
    _c("数字经济核心产业", "is_digital_core", "bool"),
    _c("用地面积（亩）", "land_area", "area"),
    _c("零增地", "is_zero_land", "bool"),
    _c("签约日期", "signed_on", "date", True),
    _c("注册日期", "registered_on", "date"),
    _c("供地日期", "land_supplied_on", "date"),
    _c("合同开工日期", "contract_start_on", "date"),
    _c("实际开工日期", "started_on", "date"),
    _c("合同竣工日期", "contract_completion_on", "date"),
    _c("实际竣工日期", "completed_on", "date"),
    _c("投产日期", "production_on", "date"),
    _c("达规日期", "above_scale_on", "date"),
    _c("达产日期", "full_capacity_on", "date"),
    _c("累计完成投资（万元）", "investment_to_date", "money_cny"),
    _c("本年完成投资（万元）", "investment_this_year", "money_cny"),
    _c("经度", "lon", "lon"),
    _c("纬度", "lat", "lat"),
))

LAND = Table("land", "土地", "month", ("parcel_id",), (
    _c("电子监管号", "parcel_id", "text", True),
    _c("地块名称", "parcel_name", "text"),
    _c("县级主体", "unit_id", "unit", True),
    _c("土地用途", "land_use", "text", True),
    _c("面积（亩）", "area", "area", True),
    _c("批准日期", "approved_on", "date", True),
    _c("供地日期", "supplied_on", "date"),
    _c("合同开工日期", "contract_start_on", "date"),
    _c("实际开工日期", "started_on", "date"),
    _c("已开发面积（亩）", "developed_area", "area"),
    _c("竣工日期", "completed_on", "date"),
    _c("投产日期", "production_on", "date"),
    _c("达规日期", "above_scale_on", "date"),
    _c("项目代码", "project_code", "code"),
    _c("经度", "lon", "lon"),
    _c("纬度", "lat", "lat"),
))

INDICATORS = Table("indicators", "月度指标", "month", ("unit_id", "indicator"), (
    _c("统计月份", "month", "month", True),
    _c("县级主体", "unit_id", "unit_or_city", True),
    _c("指标名称", "indicator", "indicator", True),
    _c("本年累计", "value_ytd", "number", True),
    _c("上年同期累计", "value_prior_ytd", "number"),
    _c("计量单位", "measure_unit", "measure", True),
))

TARGETS = Table("targets", "年度目标", "year", ("year", "unit_id", "target"), (
    _c("年度", "year", "year", True),
    _c("县级主体", "unit_id", "unit_or_city", True),
    _c("指标名称", "target", "target", True),
    _c("目标值", "target_value", "number", True),
    _c("计量单位", "measure_unit", "measure", True),
))

NODES = Table("nodes", "推进节点", "month", ("project_code", "node"), (
    _c("项目代码", "project_code", "code", True),
    _c("节点名称", "node", "node", True),
    _c("计划完成日期", "planned_on", "date", True),
    _c("实际完成日期", "done_on", "date"),
))

# 问题清单 (issue 18 §2): the register of problems as it stands at month end, open and closed. 问题类型 is checked
# against PROBLEM_TYPES and 项目代码 against the month's 项目库 by cockpit/ingest/crosscheck_problems.py.
PROBLEMS = Table("problems", "项目问题", "month", ("problem_id",), (
    _c("问题编号", "problem_id", "text", True),
    _c("项目代码", "project_code", "code", True),
    _c("问题类型", "problem_type", "text", True),
    _c("问题描述", "description", "text", True),
    _c("提出日期", "raised_on", "date", True),
    _c("责任单位", "department", "text", True),
    _c("办理时限", "due_on", "date", True),
    _c("办结日期", "closed_on", "date"),
    _c("提交例会", "to_meeting", "bool"),
))
PROBLEM_TYPES = ("用地", "用工", "融资", "审批", "要素保障", "其他")


# ---- issue 18 §1 督查核查 and §3 一把手招商 (helper inspection) ----
# The verdicts on month M's new starts, completions and productions (one snapshot per month M). Cross-table checks
# (project in M's 项目库, the event in M, 核查日期 between the event and today) are in cockpit/ingest/crosscheck.py.
INSPECTIONS = Table("inspections", "核查结果", "month", ("project_code", "check_type"), (
    _c("项目代码", "project_code", "code", True),
    _c("核查类型", "check_type", "check_type", True),
    _c("核查日期", "inspected_on", "date", True),
    _c("核查结论", "verdict", "verdict", True),
    _c("核查人", "inspector", "text"),
    _c("说明", "note", "text"),
))
# Leaders' investment-promotion trips of the month: one row per enterprise met on a trip (a trip is 县级主体 +
# 出访日期 + 带队领导). 签约项目代码, when given, must be a project of that unit in the month's 项目库.
PROMOTIONS = Table("promotions", "招商活动", "month", ("unit_id", "visited_on", "leader", "enterprise"), (
    _c("县级主体", "unit_id", "unit", True),
    _c("出访日期", "visited_on", "date", True),
    _c("带队领导", "leader", "text", True),
    _c("领导职务", "leader_role", "leader_role", True),
    _c("目的地", "destination", "text", True),
    _c("对接企业", "enterprise", "text", True),
    _c("成果", "outcome", "outcome", True),
    _c("签约项目代码", "signed_project_code", "code"),
))
# Kinds whose value is one of a fixed list (parsed, checked and explained in the template from here).
CHOICES: dict[str, tuple[str, ...]] = {
    "check_type": ("开工", "竣工", "投产"),
    "verdict": ("属实", "不属实", "待核"),
    "leader_role": ("党政主要领导", "分管领导", "开发区主要领导", "其他"),
    "outcome": ("有效信息", "在谈", "签约"),
}
# ---- end issue 18 (inspection) ----

TABLES: dict[str, Table] = {t.name: t for t in (PROJECTS, LAND, INDICATORS, TARGETS, NODES, PROBLEMS,
                                                INSPECTIONS, PROMOTIONS)}

CATEGORIES = ("制造业", "生产性服务业")
NODE_NAMES = ("规划", "选址", "可研", "立项", "征地", "报建", "招标", "开工", "竣工", "投产")
STAGES = ("签约", "注册", "供地", "开工", "竣工", "投产", "达规", "达产")
FIVE_IDLE = ("批而未供", "供而未用", "用而未尽", "建而未投", "投而未达规")
# The 项目代码 shape with ASCII digits only: in polars (Rust) and Python regex \d is any Unicode digit, ٢٠٢٠
# included. The import checks codes against this one pattern.
PROJECT_CODE_PATTERN = r"^[0-9]{4}-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}$"

# Money is stored in one unit per currency; these factors convert what users write into it.
STORAGE_UNIT = {"CNY": "万元", "USD": "万美元", "count": "个", "area": "亩", "pct": "%"}
MEASURE_UNITS: dict[str, tuple[str, float]] = {
    "亿元": ("CNY", 10000.0), "万元": ("CNY", 1.0), "元": ("CNY", 0.0001),
    "亿美元": ("USD", 10000.0), "万美元": ("USD", 1.0), "美元": ("USD", 0.0001),
    "个": ("count", 1.0), "亩": ("area", 1.0), "%": ("pct", 1.0), "％": ("pct", 1.0),
}

_DTYPES = {
    "code": pl.String, "text": pl.String, "unit": pl.String, "unit_or_city": pl.String,
    "category": pl.String, "node": pl.String, "indicator": pl.String, "target": pl.String,
    "measure": pl.String, "month": pl.String, "year": pl.Int32, "money_cny": pl.Float64,
    "money_usd": pl.Float64, "area": pl.Float64, "number": pl.Float64, "date": pl.Date,
    "bool": pl.Boolean, "lon": pl.Float64, "lat": pl.Float64,
    **{kind: pl.String for kind in CHOICES},  # issue 18 (inspection)
}


def stored_schema(table: Table) -> dict[str, pl.DataType]:
    """Column name -> polars dtype of a table as stored in Parquet (before snapshot columns)."""
    schema = {c.name: _DTYPES[c.kind] for c in table.columns}
    if table.name in ("indicators", "targets"):
        schema["measure_unit"] = pl.String  # holds the storage unit after conversion
    return schema
