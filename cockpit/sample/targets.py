"""Sample 年度目标: the 2020 plan's city targets exactly, per-unit splits, and plausible 2019 targets.

Values are as users write them: in the metric's display unit (亿元, 亿美元, 个, 亩, %).
"""
from __future__ import annotations

import numpy as np

from cockpit import metrics, units
from cockpit.sample import profiles

# City targets by metric key: the 2020 figures are those of the plan (嘉兴市产业项目“双进双产”工作方案).
CITY = {
    2020: {
        "industrial_investment": 900, "fdi": 50, "fdi_mofcom": 25, "domestic_land_filing": 700,
        "service_capital": 150, "zero_land_capital": 50, "major_foreign_projects": 60, "projects_above_100m": 400,
        "projects_10b": 15, "projects_5b_10b": 9, "projects_1b_5b": 18, "strategic_emerging_growth": 15,
        "high_tech_growth": 15, "high_end_equipment_growth": 15, "digital_core_growth": 15,
        "industrial_investment_growth": 15, "registration_rate": 80, "starts": 280, "completions": 180,
        "productions": 180, "new_above_scale": 100, "new_full_capacity": 100, "new_industrial_land": 15000,
    },
    2019: {
        "industrial_investment": 800, "fdi": 45, "fdi_mofcom": 22, "domestic_land_filing": 600,
        "service_capital": 120, "zero_land_capital": 40, "major_foreign_projects": 50, "projects_above_100m": 350,
        "projects_10b": 10, "projects_5b_10b": 9, "projects_1b_5b": 18, "strategic_emerging_growth": 12,
        "high_tech_growth": 12, "high_end_equipment_growth": 12, "digital_core_growth": 12,
        "industrial_investment_growth": 12, "registration_rate": 75, "starts": 230, "completions": 150,
        "productions": 150, "new_above_scale": 80, "new_full_capacity": 80, "new_industrial_land": 12000,
    },
}
# The plan's floor for every unit (每个县级主体确保引进1个以上百亿级、1个50亿元～100亿元、2个10亿元～50亿元项目).
PER_UNIT = {"projects_10b": 1, "projects_5b_10b": 1, "projects_1b_5b": 2}
# Rates and growths are not split: each unit carries the city figure (工业投资增长 follows the unit's split).
SAME_FOR_EVERY_UNIT = ("strategic_emerging_growth", "high_tech_growth", "high_end_equipment_growth",
                       "digital_core_growth", "registration_rate")
# Each unit's share of the city economy: the split of the summable targets before noise.
ECONOMIC_SHARE = {"nanhu": 0.10, "xiuzhou": 0.09, "jiashan": 0.14, "haiyan": 0.10, "haining": 0.15,
                  "pinghu": 0.14, "tongxiang": 0.14, "jingkai": 0.08, "gangqu": 0.06}


def _split(rng: np.random.Generator, total: float, digits: int, overcommit: float) -> dict[str, float]:
    """Shares of `total` by unit, a little noisy; counties commit to a little more than the city asks."""
    share = np.array([ECONOMIC_SHARE[u] for u in profiles.UNIT_IDS]) * rng.uniform(0.9, 1.1, len(profiles.UNIT_IDS))
    values = share / share.sum() * total * overcommit
    return {u: float(round(v, digits)) if digits else float(max(1, round(v))) for u, v in zip(profiles.UNIT_IDS, values)}


def plan(rng: np.random.Generator) -> dict[int, dict[str, dict[str, float]]]:
    """year -> metric key -> unit id (and 'city') -> target in the metric's display unit."""
    out: dict[int, dict[str, dict[str, float]]] = {}
    for year, city in CITY.items():
        by_metric: dict[str, dict[str, float]] = {}
        for key, value in city.items():
            metric = metrics.METRIC_BY_KEY[key]
            if key in PER_UNIT:
                split = dict.fromkeys(profiles.UNIT_IDS, float(PER_UNIT[key]))
            elif key in SAME_FOR_EVERY_UNIT:
                split = dict.fromkeys(profiles.UNIT_IDS, float(value))
            elif key == "industrial_investment_growth":  # the units' own growths, around the city's
                split = {u: float(value + rng.integers(-3, 6)) for u in profiles.UNIT_IDS}
            else:
                digits = 1 if metric.unit in ("亿元", "亿美元") and value < 300 else 0
                split = _split(rng, value, digits, float(rng.uniform(1.0, 1.05)))
            by_metric[key] = {units.CITY_ID: float(value), **split}
        out[year] = by_metric
    return out


def written(targets: dict[int, dict[str, dict[str, float]]], year: int) -> list[dict]:
    """Rows as a planner types them: the display unit (亿元, 亿美元, 个, 亩, %)."""
    return [{"year": year, "unit_id": unit_id, "target": metrics.METRIC_BY_KEY[key].name, "target_value": value,
             "measure_unit": metrics.METRIC_BY_KEY[key].unit}
            for key, by_unit in targets[year].items() for unit_id, value in by_unit.items()]
