"""Project and investor names reduced to what identifies them, to find the same project reported by two units
(统筹, issue 19 §4: possible duplicate attraction, 首报首谈).

normalise("浙江嘉兴博辉年产71万台新能源汽车零部件项目") == normalise("海宁市博辉新能源汽车零部件项目（二期）")? No:
brackets are dropped but 二期 is inside them — both give "博辉新能源汽车零部件". Steps, in order:
  1. NFKC (full-width letters, digits and brackets to half-width), drop whitespace;
  2. the capacity of a 年产 phrase: 年产 + number + optional 万/亿/千 + a measure (台(套), 万吨, 平方米, GWh …);
  3. anything in brackets: (嘉兴) (二期) [筹];
  4. trailing words that name the legal or project form, repeatedly: 项目, 建设, 工程, 有限公司, 股份有限公司,
     有限责任公司, 集团, 公司, 一期/二期/三期;
  5. leading place names, repeatedly: 中国, 浙江省/浙江, 嘉兴市/嘉兴, the nine units' names and short names (南湖区,
     南湖 … 嘉兴经济技术开发区, 经开区, 嘉兴港区, 港区), and the countries and regions investors come from;
  6. remaining punctuation; Latin letters lower-cased.
"""
from __future__ import annotations

import re
import unicodedata

import polars as pl

from cockpit import units

COUNTRIES = ("中国台湾", "中国香港", "中国澳门", "台湾", "香港", "澳门", "新加坡", "日本", "韩国", "德国", "美国", "瑞士",
             "法国", "意大利", "荷兰", "英国", "比利时", "瑞典", "丹麦", "芬兰", "挪威", "奥地利", "西班牙", "加拿大",
             "澳大利亚", "以色列", "马来西亚", "泰国")
PLACES = ("中国", "浙江省", "浙江", "嘉兴市", "嘉兴") + tuple(
    sorted({form for u in units.UNITS for form in (u.name, u.short, *u.aliases) if not form.isdigit()},
           key=len, reverse=True)) + COUNTRIES
MEASURES = ("台(套)", "台套", "平方米", "平米", "GWh", "MWh", "MW", "GW", "万吨", "吨", "套", "台", "件", "片", "颗", "只",
            "辆", "块", "个", "条", "张", "米", "瓶", "吨")
SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "项目", "建设", "工程", "一期", "二期", "三期")

_CAPACITY = re.compile(r"年产[0-9.]+(?:万|亿|千|百)?(?:" + "|".join(re.escape(m) for m in MEASURES) + ")?",
                       re.IGNORECASE)
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
_SUFFIX = re.compile("(?:" + "|".join(SUFFIXES) + ")+$")
_PREFIX = re.compile("^(?:" + "|".join(re.escape(p) for p in PLACES) + ")+")
_PUNCT = re.compile(r"[\s\W_]+")


def normalise(name: str | None) -> str:
    """The identifying part of a project or investor name ('' for None)."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"\s+", "", text)
    text = _CAPACITY.sub("", text)
    text = _BRACKETS.sub("", text)
    text = _SUFFIX.sub("", text)
    text = _PREFIX.sub("", text)
    return _PUNCT.sub("", text).lower()


def normalised(names: pl.Series) -> pl.Series:
    """normalise() over a column, as one vectorised chain of the same steps and patterns (Rust regex, Unicode-aware
    like Python's): 1.5 million distinct names took 11 s one by one in Python. tests/test_coordination.py checks
    that both give the same key for every name of the sample and of the tests."""
    text = _only_where(names.fill_null(""), _CHANGED_BY_NFKC, lambda part: part.str.normalize("NFKC"))
    text = (text.str.replace_all(r"\s+", "")
            .str.replace_all("(?i)" + _CAPACITY.pattern, "")
            .str.replace_all(_BRACKETS.pattern, "")
            .str.replace_all(_SUFFIX.pattern, "")
            .str.replace_all(_PREFIX.pattern, "")
            .str.replace_all(_PUNCT.pattern, ""))
    return _only_where(text, _CHANGED_BY_LOWER, lambda part: part.str.to_lowercase())


# ASCII and the CJK Unified Ideographs are left as they are by NFKC, and digits and ideographs by lower-casing:
# the two slowest steps of the chain run only on the names with another character (full-width brackets, letters:
# 6% of the sample's names)
_CHANGED_BY_NFKC = r"[^\x00-\x7F\x{4E00}-\x{9FFF}]"
_CHANGED_BY_LOWER = r"[^0-9\x{4E00}-\x{9FFF}]"


def _only_where(column: pl.Series, pattern: str, step) -> pl.Series:
    rows = column.str.contains(pattern).arg_true()
    return column.scatter(rows, step(column.gather(rows))) if rows.len() else column


def shared_across_units(projects: pl.DataFrame) -> pl.DataFrame:
    """The projects whose normalised name (name_key) is found in two units or more — only those can be a duplicate
    attraction — with `sharing`, how many of the month's projects have that name. Derived at import
    (cockpit/derive.py shared_names), so 统筹 pairs a few rows instead of normalising every name on each view."""
    return (projects.with_columns(name_key=normalised(projects["project_name"]))
            .filter(pl.col("name_key") != "")
            .filter(pl.col("unit_id").n_unique().over("name_key") > 1)
            .with_columns(sharing=pl.len().over("name_key").cast(pl.Int64)))
