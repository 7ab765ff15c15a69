"""Sample parcels (土地): the land of projects that reached 供地, plus parcels approved and not yet supplied.

A parcel of a project follows the project's dates. 已开发面积 is reported once the project is built (all of
the parcel for most, part of it for some: 用而未尽 for years) or once construction overruns its contract.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from cockpit import schema
from cockpit.sample import profiles, vocabulary
from cockpit.sample.timeline import END, month_end, shift

LINKED_SHARE = 0.86  # the rest of the parcels carry no project (approved land awaiting a project, or unmatched)


def draw(life: pl.DataFrame, parcels: int, rng: np.random.Generator) -> pl.DataFrame:
    """One row per parcel with eventual dates, the eventual 已开发面积 and when it is first reported."""
    supplied = life.filter(pl.col("land_supplied_on").is_not_null() & (pl.col("land_supplied_on") <= END))
    linked_count = min(supplied.height, int(round(parcels * LINKED_SHARE)))
    picked = sorted(rng.choice(supplied.height, size=linked_count, replace=False).tolist())
    rows: list[dict] = []
    serial = iter(rng.choice(np.arange(1, 99_999), size=parcels + 10, replace=False).tolist())
    for project in supplied[picked].iter_rows(named=True):
        rows.append(_linked(rng, project, next(serial)))
    for _ in range(parcels - linked_count):
        rows.append(_unlinked(rng, next(serial)))
    columns = {**schema.stored_schema(schema.LAND), "final_developed": pl.Float64, "overrun_reported": pl.Boolean,
               "_contract_completion": pl.Date}
    return pl.DataFrame(rows, schema=columns, orient="row").sort("parcel_id")


def _parcel_id(region: str, approved: dt.date, serial: int) -> str:
    """电子监管号 shaped like the province's: region, year, B (出让), serial."""
    return f"{region}{approved.year}B{serial:05d}"


def _linked(rng, project: dict, serial: int) -> dict:
    unit = profiles.PROFILE_BY_ID[project["unit_id"]]
    approved = shift(project["land_supplied_on"], -rng.uniform(2.0, 14.0))
    area = project["land_area"]
    partial = rng.random() < 0.22  # builds only part of its land: stays 用而未尽
    final = round(area * rng.uniform(0.3, 0.85), 1) if partial else area
    industry_use = {"现代物流": "仓储用地", "研发设计": "科教用地", "科技金融": "商务金融用地"}
    land_use = "工业用地" if project["category"] == "制造业" else industry_use.get(project["industry"], "商务金融用地")
    return {
        "parcel_id": _parcel_id(unit.region_code, approved, serial),
        "parcel_name": vocabulary.parcel_name(rng, unit.towns[int(rng.integers(len(unit.towns)))]),
        "unit_id": project["unit_id"],
        "land_use": land_use,
        "area": area,
        "approved_on": approved,
        "supplied_on": project["land_supplied_on"],
        "contract_start_on": project["contract_start_on"],
        "started_on": project["started_on"],
        "developed_area": None,
        "completed_on": project["completed_on"],
        "production_on": project["production_on"],
        "above_scale_on": project["above_scale_on"],
        "project_code": project["project_code"],
        "lon": project["lon"],  # the project's site
        "lat": project["lat"],
        "final_developed": final,
        "overrun_reported": True,
        "_contract_completion": project["contract_completion_on"],
    }


def _unlinked(rng, serial: int) -> dict:
    unit_id = str(rng.choice(profiles.UNIT_IDS, p=_weights()))
    unit = profiles.PROFILE_BY_ID[unit_id]
    # Approvals spread over five years, more of them recent.
    approved = shift(END, -min(66.0, rng.exponential(16.0)) - 0.5)
    area = float(round(min(600.0, max(10.0, rng.lognormal(np.log(55), 0.7))), 1))
    supplied = started = completed = production = above_scale = contract_start = None
    final = area
    if rng.random() < 0.3:
        supplied = shift(approved, rng.uniform(4.0, 30.0))
        contract_start = shift(supplied, rng.uniform(2.0, 6.0))
        if rng.random() < 0.6:
            started = shift(contract_start, rng.uniform(-1.0, 14.0))
            completed = shift(started, rng.uniform(10.0, 24.0))
            if rng.random() < 0.7:
                production = shift(completed, rng.uniform(0.5, 6.0))
                if rng.random() < 0.5:
                    above_scale = shift(production, rng.uniform(4.0, 20.0))
    lon, lat = profiles.point_in_unit(rng, unit_id)
    return {
        "parcel_id": _parcel_id(unit.region_code, approved, serial),
        "parcel_name": vocabulary.parcel_name(rng, unit.towns[int(rng.integers(len(unit.towns)))]),
        "unit_id": unit_id,
        "land_use": "工业用地" if rng.random() < 0.85 else "仓储用地",
        "area": area,
        "approved_on": approved,
        "supplied_on": supplied,
        "contract_start_on": contract_start,
        "started_on": started,
        "developed_area": None,
        "completed_on": completed,
        "production_on": production,
        "above_scale_on": above_scale,
        "project_code": None,
        "lon": lon,
        "lat": lat,
        "final_developed": final,
        "overrun_reported": False,
        "_contract_completion": None if started is None else shift(started, 14.0),
    }


def _weights() -> np.ndarray:
    w = np.array([p.weight for p in profiles.PROFILES])
    return w / w.sum()


def snapshot(parcels: pl.DataFrame, month: str) -> pl.DataFrame:
    """The land table as reported for `month`: parcels approved by its last day, dates reached by then."""
    day = month_end(month)
    dates = ("supplied_on", "started_on", "completed_on", "production_on", "above_scale_on")
    supplied = pl.col("supplied_on") <= day  # the land contract (合同开工日期) and its project come with 供地
    built = pl.col("completed_on") <= day
    overrun = (pl.col("overrun_reported") & (pl.col("started_on") <= day)
               & (pl.col("_contract_completion") < day))
    progress = ((pl.lit(day) - pl.col("started_on")).dt.total_days()
                / (pl.col("completed_on") - pl.col("started_on")).dt.total_days().clip(lower_bound=1))
    developed = (pl.when(built).then(pl.col("final_developed"))
                 .when(overrun).then((pl.col("area") * progress.clip(0.15, 0.9)).round(1)))
    frame = parcels.filter(pl.col("approved_on") <= day).with_columns(
        [pl.when(pl.col(c) <= day).then(pl.col(c)).alias(c) for c in dates]
        + [pl.when(supplied).then(pl.col(c)).alias(c) for c in ("contract_start_on", "project_code")]
        + [developed.alias("developed_area")])
    return frame.select(list(schema.stored_schema(schema.LAND))).sort("parcel_id")
