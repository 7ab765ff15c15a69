"""The sample's 招商活动: each unit's leaders' investment-promotion trips of the month.

2–10 trips per unit and month, each meeting one to three enterprises; about a third led by a 党政主要领导, so some
units have none in a month; 嘉兴港区 makes no trip at all in some months. A trip's 签约 names a project of that unit
signed in the month (the import checks it is the unit's).
"""
from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import polars as pl

from cockpit import schema, units

ROLES = ("党政主要领导", "分管领导", "开发区主要领导", "其他")
ROLE_P = (0.32, 0.38, 0.15, 0.15)
QUIET_UNIT, QUIET_MONTHS = "gangqu", ("02", "08", "11")  # months in which 嘉兴港区 makes no trip
LEADERS = {"党政主要领导": ("书记", "区（县、市）长"), "分管领导": ("副区（县、市）长", "常务副职"),
           "开发区主要领导": ("开发区党工委书记", "开发区管委会主任"), "其他": ("商务局局长", "招商中心主任")}
SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "朱", "沈", "钱")
PLACES = ("上海", "深圳", "北京", "苏州", "杭州", "广州", "南京", "合肥", "日本东京", "德国慕尼黑", "韩国首尔", "新加坡")
FIRMS = ("新能源科技", "精密机械", "智能装备", "生物医药", "半导体材料", "汽车零部件", "新材料", "数字科技", "供应链管理",
         "光电科技")
SUFFIX = ("有限公司", "股份有限公司", "集团有限公司")


def sheet(projects: pl.DataFrame, month: str, rng: np.random.Generator) -> pl.DataFrame:
    """招商活动 as the units report it (template headers)."""
    year, mon = int(month[:4]), int(month[5:])
    days = calendar.monthrange(year, mon)[1]
    signed = projects.filter(pl.col("signed_on").dt.strftime("%Y-%m") == month)
    out = []
    for unit in units.UNITS:
        if unit.id == QUIET_UNIT and month[5:] in QUIET_MONTHS:
            continue
        available = signed.filter(pl.col("unit_id") == unit.id)["project_code"].to_list()
        leaders = {role: f"{rng.choice(SURNAMES)}{rng.choice(['建国', '卫东', '海峰', '晓明', '丽华', '志强'])}"
                   for role in ROLES}  # the same person leads a role's trips within a month
        for _trip in range(int(rng.integers(2, 11))):
            role = str(rng.choice(ROLES, p=ROLE_P))
            visited = dt.date(year, mon, int(rng.integers(1, days + 1)))
            place = str(rng.choice(PLACES))
            for _firm in range(int(rng.integers(1, 4))):
                firm = f"{place[-2:]}{rng.choice(FIRMS)}{rng.choice(SUFFIX)}"
                if available and rng.random() < 0.25:
                    outcome, code = "签约", available.pop(int(rng.integers(0, len(available))))
                else:
                    outcome, code = str(rng.choice(["在谈", "有效信息"], p=[0.4, 0.6])), None
                out.append({"县级主体": unit.name, "出访日期": visited,
                            "带队领导": f"{leaders[role]}（{rng.choice(LEADERS[role])}）", "领导职务": role,
                            "目的地": place, "对接企业": firm, "成果": outcome, "签约项目代码": code})
    frame = pl.DataFrame(out, schema={c.header: (pl.Date if c.kind == "date" else pl.String)
                                      for c in schema.PROMOTIONS.columns})
    # the same enterprise met twice on one trip is one row (the table's key)
    return frame.unique(["县级主体", "出访日期", "带队领导", "对接企业"], keep="first", maintain_order=True)
