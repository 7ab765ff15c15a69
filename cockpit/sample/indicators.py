"""Sample 月度指标: each unit's year-to-date figures (本年累计, 上年同期累计) for 2019 and 2020, and 全市 rows.

Each unit's year is drawn from its target and its pace, then spread over the months: 2020 has the
epidemic's slow first quarter, so growth starts negative and recovers. 上年同期累计 of 2020 is exactly the
2019 本年累计 of the same month. 全市 rows are the sum of the units, except 工业投资, where 市本级
projects add a little, as the statistics bureau reports it.
"""
from __future__ import annotations

import numpy as np
import polars as pl

from cockpit import metrics, schema, units
from cockpit.sample import profiles
from cockpit.sample.timeline import FIRST_YEAR, LAST_YEAR

MONTH_SHAPE = {
    "normal": (0.055, 0.045, 0.08, 0.085, 0.09, 0.09, 0.085, 0.085, 0.09, 0.095, 0.1, 0.1),
    2020: (0.045, 0.02, 0.07, 0.09, 0.095, 0.095, 0.09, 0.09, 0.1, 0.1, 0.1, 0.105),
}
# Key of the target each indicator is read against, or for the four industries: share of 工业投资.
TARGET_OF = {
    "工业投资": "industrial_investment", "实际利用外资": "fdi", "实际利用外资（商务部口径）": "fdi_mofcom",
    "新增工业用地备案内资投资额": "domestic_land_filing", "生产性服务业实际引进资金": "service_capital",
    "零增地项目实际到位资金": "zero_land_capital",
}
INDUSTRY_SHARE = {"战略性新兴产业投资": 0.52, "高新技术产业投资": 0.58, "高端装备制造业投资": 0.31,
                  "数字经济核心产业投资": 0.14}
CITY_ROWS = ("工业投资", "实际利用外资", "实际利用外资（商务部口径）", "新增工业用地备案内资投资额")
CITY_LEVEL_EXTRA = "工业投资"  # 全市 above the sum of the units (市本级)


def _annual(rng: np.random.Generator, plan: dict, paces: dict[str, float]) -> dict[str, dict[str, dict[int, float]]]:
    """indicator -> unit -> year (2018–2020) -> the year's total in the storage unit (万元 / 万美元)."""
    out: dict[str, dict[str, dict[int, float]]] = {}
    growth_target = plan[LAST_YEAR]["industrial_investment_growth"]
    for name, key in TARGET_OF.items():
        factor = 10_000.0  # targets are in 亿元 / 亿美元
        out[name] = {}
        for u in profiles.UNIT_IDS:
            target = plan[LAST_YEAR][key][u] * factor
            actual = target * paces[u] * rng.normal(1.0, 0.04 if name == "工业投资" else 0.08)
            if name == "工业投资":
                base = target / (1 + growth_target[u] / 100) * rng.normal(1.0, 0.015)
            else:
                base = target / rng.uniform(1.04, 1.22)
            out[name][u] = {2020: actual, 2019: base, 2018: base / rng.uniform(1.03, 1.15)}
    for name, share in INDUSTRY_SHARE.items():
        out[name] = {}
        for u in profiles.UNIT_IDS:
            base = out["工业投资"][u][2019] * share * rng.uniform(0.8, 1.2)
            growth = 0.15 + (paces[u] - 1.0) * 1.4 + rng.normal(0.0, 0.04)
            out[name][u] = {2020: base * (1 + growth), 2019: base, 2018: base / rng.uniform(1.03, 1.15)}
    return out


def _ytd(rng: np.random.Generator, annual: float, year: int, lumpy: bool) -> list[float]:
    shape = np.array(MONTH_SHAPE.get(year, MONTH_SHAPE["normal"]))
    shape = shape * rng.uniform(0.6, 1.4, 12) if lumpy else shape * rng.uniform(0.88, 1.12, 12)
    return np.round(np.cumsum(shape / shape.sum()) * annual).tolist()


def draw(rng: np.random.Generator, plan: dict, paces: dict[str, float]) -> pl.DataFrame:
    """Every 月度指标 row of every month of 2019 and 2020, in the stored schema."""
    annual = _annual(rng, plan, paces)
    rows = []
    for name, by_unit in annual.items():
        currency = metrics.MONTHLY_INDICATORS[name]
        storage = schema.STORAGE_UNIT[currency]
        lumpy = currency == "USD" or name == "零增地项目实际到位资金"
        ytd = {u: {y: _ytd(rng, v, y, lumpy) for y, v in years.items()} for u, years in by_unit.items()}
        if name in CITY_ROWS:
            extra = float(rng.uniform(0.015, 0.025)) if name == CITY_LEVEL_EXTRA else 0.0
            city = {y: [sum(ytd[u][y][m] for u in ytd) for m in range(12)] for y in (2018, 2019, 2020)}
            if extra:
                city = {y: [v + round(v * extra) for v in values] for y, values in city.items()}
            ytd[units.CITY_ID] = city
        for u, years in ytd.items():
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                for m in range(12):
                    rows.append({"month": f"{year}-{m + 1:02d}", "unit_id": u, "indicator": name,
                                 "value_ytd": years[year][m], "value_prior_ytd": years[year - 1][m],
                                 "measure_unit": storage})
    return pl.DataFrame(rows, schema=schema.stored_schema(schema.INDICATORS))


def snapshot(indicators: pl.DataFrame, month: str) -> pl.DataFrame:
    return indicators.filter(pl.col("month") == month)
