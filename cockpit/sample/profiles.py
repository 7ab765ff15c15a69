"""What makes each unit look like itself in the sample: size, pace, leading industries, where its land lies."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Profile:
    unit_id: str
    region_code: str  # 项目代码 / 电子监管号 region: the statutory code of the district the land lies in
    weight: float  # share of the city's projects
    size: float  # multiplier on a project's total investment (the zones host fewer, larger projects)
    lon: float  # centre of the area its projects lie in (WGS84)
    lat: float
    radius: float  # degrees; the disc lies inside the unit (checked against county outlines)
    industries: dict[str, float]  # relative weights of its leading industries
    towns: tuple[str, ...]
    services_share: float  # share of 生产性服务业 projects
    foreign_share: float


# Discs checked (with a margin for the GCJ-02 offset) against the county outlines: each lies inside its
# county, 经开区's inside 南湖区 near 120.75,30.75, 港区's inside 平湖市 near 乍浦, and no two overlap.
PROFILES: tuple[Profile, ...] = (
    Profile("nanhu", "330402", 0.10, 1.0, 120.86, 30.70, 0.050,
            {"集成电路": 3, "新能源汽车及零部件": 2, "光伏": 2, "智能装备": 2, "数字经济": 2},
            ("凤桥镇", "余新镇", "新丰镇", "大桥镇", "七星街道", "东栅街道"), 0.22, 0.16),
    Profile("xiuzhou", "330411", 0.10, 0.9, 120.63, 30.79, 0.045,
            {"光伏": 3, "新材料": 3, "智能装备": 2, "时尚纺织": 2, "现代物流": 1},
            ("王店镇", "洪合镇", "新塍镇", "王江泾镇", "油车港镇", "高照街道"), 0.18, 0.14),
    Profile("jiashan", "330421", 0.14, 1.0, 120.90, 30.90, 0.060,
            {"集成电路": 3, "智能装备": 3, "数字经济": 2, "新材料": 2, "生物医药": 1},
            ("魏塘街道", "罗星街道", "惠民街道", "大云镇", "西塘镇", "干窑镇", "陶庄镇", "姚庄镇", "天凝镇"), 0.20, 0.24),
    Profile("haiyan", "330424", 0.09, 1.0, 120.93, 30.50, 0.060,
            {"智能装备": 3, "新材料": 2, "新能源汽车及零部件": 2, "时尚纺织": 1, "现代物流": 1},
            ("武原街道", "西塘桥街道", "望海街道", "沈荡镇", "百步镇", "于城镇", "秦山街道", "通元镇"), 0.15, 0.14),
    Profile("haining", "330481", 0.15, 0.95, 120.69, 30.47, 0.050,
            {"时尚纺织": 3, "光伏": 3, "新材料": 2, "智能装备": 2, "数字经济": 1},
            ("海洲街道", "硖石街道", "许村镇", "长安镇", "周王庙镇", "盐官镇", "袁花镇", "丁桥镇", "斜桥镇"), 0.18, 0.15),
    Profile("pinghu", "330482", 0.14, 1.0, 121.10, 30.72, 0.050,
            {"新能源汽车及零部件": 3, "智能装备": 3, "光伏": 1, "数字经济": 1, "现代物流": 1},
            ("当湖街道", "钟埭街道", "曹桥街道", "新埭镇", "新仓镇", "广陈镇", "林埭镇", "独山港镇"), 0.17, 0.26),
    Profile("tongxiang", "330483", 0.15, 0.95, 120.51, 30.62, 0.060,
            {"时尚纺织": 3, "新材料": 3, "数字经济": 3, "智能装备": 1, "新能源汽车及零部件": 1},
            ("梧桐街道", "凤鸣街道", "龙翔街道", "濮院镇", "屠甸镇", "崇福镇", "洲泉镇", "大麻镇", "乌镇镇", "石门镇"), 0.20, 0.13),
    Profile("jingkai", "330402", 0.075, 1.5, 120.765, 30.74, 0.022,
            {"智能装备": 3, "新能源汽车及零部件": 2, "生物医药": 2, "集成电路": 1, "数字经济": 2},
            ("城南街道", "长水街道", "嘉北街道", "塘汇街道"), 0.26, 0.30),
    Profile("gangqu", "330482", 0.045, 1.8, 121.07, 30.625, 0.018,
            {"新材料": 5, "现代物流": 2, "新能源汽车及零部件": 1},
            ("乍浦镇",), 0.16, 0.30),
)
PROFILE_BY_ID = {p.unit_id: p for p in PROFILES}
UNIT_IDS = tuple(p.unit_id for p in PROFILES)

# How each unit's year goes, relative to plan; shuffled among units by the seed so that each seed shows some
# units clearly ahead and some clearly behind.
_PACES = (1.15, 1.10, 1.06, 1.02, 0.98, 0.94, 0.90, 0.85, 0.79)


def unit_paces(rng: np.random.Generator) -> dict[str, float]:
    return dict(zip(UNIT_IDS, rng.permutation(_PACES).tolist()))


def point_in_unit(rng: np.random.Generator, unit_id: str) -> tuple[float, float]:
    """A point uniformly inside the unit's disc, rounded to about 10 m."""
    p = PROFILE_BY_ID[unit_id]
    r = p.radius * float(np.sqrt(rng.random()))
    angle = float(rng.random()) * 2 * np.pi
    return round(p.lon + r * float(np.cos(angle)), 5), round(p.lat + r * float(np.sin(angle)), 5)
