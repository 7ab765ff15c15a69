"""Words for sample project and parcel names, by industry, and the flags and codes each industry implies."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Industry:
    name: str
    category: str  # 制造业 / 生产性服务业
    division: str  # 国民经济行业 division used in the 项目代码
    flags: tuple[float, float, float, float]  # chance of 战略性新兴/高新技术/高端装备/数字经济核心
    products: tuple[tuple[str, str, tuple[int, int]], ...]  # (product, capacity unit, capacity range) for 年产 names
    facilities: tuple[str, ...]  # names without capacity: 基地, 中心 …
    land_use: str


MANUFACTURING = (
    Industry("新能源汽车及零部件", "制造业", "36", (0.9, 0.5, 0.6, 0.1), (
        ("新能源汽车电驱动系统", "万套", (5, 60)), ("动力电池模组", "GWh", (2, 30)),
        ("新能源汽车零部件", "万台", (10, 200)), ("汽车轻量化铝合金部件", "万件", (50, 800)),
        ("新能源汽车热管理系统", "万套", (10, 120)), ("智能座舱电子", "万套", (20, 300))),
        ("新能源整车制造基地", "汽车电子产业园"), "工业用地"),
    Industry("集成电路", "制造业", "39", (1.0, 0.9, 0.1, 0.9), (
        ("12英寸硅片", "万片", (5, 60)), ("功率半导体器件", "亿颗", (1, 50)),
        ("MEMS传感器", "亿只", (1, 20)), ("集成电路封装测试", "亿块", (2, 40)),
        ("8英寸晶圆", "万片", (6, 48))),
        ("集成电路产业园", "半导体材料研发生产基地"), "工业用地"),
    Industry("新材料", "制造业", "26", (0.8, 0.6, 0.0, 0.0), (
        ("高性能纤维", "万吨", (1, 30)), ("锂电池隔膜", "亿平方米", (1, 20)),
        ("改性工程塑料", "万吨", (5, 60)), ("电子级化学品", "万吨", (2, 30)),
        ("玻璃纤维", "万吨", (5, 40)), ("特种合金材料", "万吨", (1, 10))),
        ("新材料产业园", "高端化工新材料基地"), "工业用地"),
    Industry("智能装备", "制造业", "34", (0.8, 0.6, 0.9, 0.2), (
        ("工业机器人", "台（套）", (500, 20000)), ("数控机床", "台", (500, 8000)),
        ("智能物流装备", "台（套）", (200, 5000)), ("精密减速器", "万台", (5, 80)),
        ("高端轴承", "万套", (50, 2000)), ("航空零部件", "万件", (1, 50))),
        ("智能制造产业园", "高端装备研发制造基地"), "工业用地"),
    Industry("光伏", "制造业", "38", (0.9, 0.5, 0.2, 0.0), (
        ("高效光伏组件", "GW", (1, 10)), ("N型高效电池片", "GW", (2, 20)),
        ("光伏玻璃", "万吨", (10, 100)), ("光伏逆变器", "万台", (5, 100)),
        ("储能电池系统", "GWh", (1, 10))),
        ("光伏产业园", "光储一体化基地"), "工业用地"),
    Industry("生物医药", "制造业", "27", (1.0, 0.9, 0.0, 0.0), (
        ("生物制剂", "万支", (100, 5000)), ("创新药制剂", "亿片", (1, 20)),
        ("高端医疗器械", "万台（套）", (1, 50)), ("体外诊断试剂", "万人份", (500, 10000))),
        ("生物医药产业园", "医药研发及产业化基地"), "工业用地"),
    Industry("时尚纺织", "制造业", "17", (0.1, 0.2, 0.0, 0.0), (
        ("功能性面料", "万米", (1000, 20000)), ("差别化纤维", "万吨", (5, 60)),
        ("高档经编面料", "万米", (2000, 30000)), ("时尚服装", "万件", (100, 2000)),
        ("羊毛衫", "万件", (100, 1500)), ("皮革制品", "万件", (50, 800))),
        ("时尚产业园", "纺织智造基地"), "工业用地"),
    Industry("数字经济", "制造业", "39", (0.9, 0.8, 0.1, 1.0), (
        ("智能终端", "万台", (50, 2000)), ("服务器", "万台", (5, 80)),
        ("光通信器件", "万只", (100, 5000)), ("5G基站天线", "万套", (10, 200))),
        ("数字产业园", "智能传感器产业基地"), "工业用地"),
)
SERVICES = (
    Industry("数字经济", "生产性服务业", "65", (0.8, 0.8, 0.0, 1.0), (), (
        "大数据中心", "工业互联网平台", "软件研发中心", "云计算中心", "数字贸易总部", "人工智能创新中心"),
        "商务金融用地"),
    Industry("现代物流", "生产性服务业", "59", (0.1, 0.0, 0.0, 0.1), (), (
        "智慧物流园", "冷链物流中心", "供应链管理总部", "保税物流中心", "跨境电商物流园", "多式联运枢纽"),
        "仓储用地"),
    Industry("研发设计", "生产性服务业", "73", (0.7, 0.9, 0.3, 0.3), (), (
        "研发中心", "工业设计中心", "检验检测中心", "中试基地", "技术创新中心"), "科教用地"),
    Industry("科技金融", "生产性服务业", "66", (0.2, 0.2, 0.0, 0.3), (), (
        "科技金融中心", "融资租赁总部", "产业基金总部", "金融服务中心"), "商务金融用地"),
)
MANUFACTURING_BY_NAME = {i.name: i for i in MANUFACTURING}
BIG_PLANTS = ("新能源汽车及零部件", "集成电路", "光伏", "新材料")  # industries whose single plants reach 百亿
SERVICES_BY_NAME = {i.name: i for i in SERVICES}

_BRAND_FIRST = "华晶恒瑞泰丰鸿嘉禾宏盛达宇科新中天海创信博远润凯锦浙禹"
_BRAND_SECOND = "星辉诚源通汇邦益鑫胜昊力德升腾弘维芯研能威越舟航"
_FOREIGN_ORIGINS = ("日本", "德国", "美国", "韩国", "新加坡", "瑞士", "法国", "意大利", "荷兰", "中国台湾", "中国香港")
ROADS = ("东方路", "兴港路", "创业路", "科技大道", "工业大道", "纬一路", "经二路", "中山路", "长盛路", "新兴路",
         "环城路", "富民路", "发展大道", "湘江路", "亚太路", "昌盛路", "振兴路", "平海路", "乍王路", "世纪大道")
SIDES = ("东侧", "西侧", "南侧", "北侧", "以东", "以北")


def company(rng: np.random.Generator, foreign: bool) -> str:
    brand = _BRAND_FIRST[rng.integers(len(_BRAND_FIRST))] + _BRAND_SECOND[rng.integers(len(_BRAND_SECOND))]
    if foreign:
        return _FOREIGN_ORIGINS[rng.integers(len(_FOREIGN_ORIGINS))] + brand
    return brand


def project_name(rng: np.random.Generator, industry: Industry, total_wan: float, foreign: bool) -> str:
    """A name like 恒星年产60万套新能源汽车电驱动系统项目 or 鸿益智慧物流园项目."""
    who = company(rng, foreign)
    if total_wan >= 1_000_000:  # 百亿级: a base, or a capacity only where one plant can be that large
        facility_share = 0.5 if industry.name in BIG_PLANTS else 1.0
    else:
        facility_share = 0.18
    if industry.products and (rng.random() >= facility_share or not industry.facilities):
        product, unit, (low, high) = industry.products[rng.integers(len(industry.products))]
        # Capacity grows with the investment, within the product's usual range.
        share = min(1.0, max(0.0, (np.log10(max(total_wan, 1000)) - 3.3) / 2.7))
        amount = low + (high - low) * (0.6 * share + 0.4 * rng.random())
        amount = int(round(amount, -1)) if amount >= 100 else max(1, int(round(amount)))
        return f"{who}年产{amount}{unit}{product}项目"
    facility = industry.facilities[rng.integers(len(industry.facilities))]
    return f"{who}{facility}项目"


def parcel_name(rng: np.random.Generator, town: str) -> str:
    road = ROADS[rng.integers(len(ROADS))]
    cross = ROADS[rng.integers(len(ROADS))]
    if cross == road:
        return f"{town}{road}{SIDES[rng.integers(len(SIDES))]}地块"
    return f"{town}{road}与{cross}交叉口{SIDES[rng.integers(len(SIDES))]}地块"
