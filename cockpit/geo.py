"""County boundaries on this machine: the committed GeoJSON of the seven statutory units, zone locations, GCJ-02→WGS84."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from cockpit import REPO_DIR, units

BOUNDARY_FILE = REPO_DIR / "data" / "geo" / "jiaxing_units.geojson"
# The city's centre (used for the on-screen aspect of a degree) and the zoom at which it fills ~650 px.
CENTER_LON, CENTER_LAT, ZOOM = 120.76, 30.75, 8.9


@dataclass(frozen=True)
class ZonePoint:
    unit_id: str
    name: str
    lon: float
    lat: float


# The two functional zones have no statutory boundary: only an approximate location (WGS84), never a polygon.
ZONE_POINTS: tuple[ZonePoint, ...] = (
    ZonePoint("jingkai", units.unit_name("jingkai"), 120.77, 30.74),
    ZonePoint("gangqu", units.unit_name("gangqu"), 121.08, 30.60),
)
ZONE_NOTE = "经开区、港区为功能区，无法定行政边界，图中以圆点标示其大致位置（非边界）。"


@lru_cache(maxsize=1)
def boundaries() -> dict:
    """The FeatureCollection of the seven statutory units (WGS84), as committed in data/geo/."""
    return json.loads(BOUNDARY_FILE.read_text(encoding="utf-8"))


def unit_features() -> list[dict]:
    """The features in units.UNITS order."""
    order = {u.id: i for i, u in enumerate(units.UNITS)}
    return sorted(boundaries()["features"], key=lambda f: order[f["properties"]["unit_id"]])


# GCJ-02 ("Mars coordinates") is WGS84 plus a published, smooth offset; Amap data is in GCJ-02.
_A = 6378245.0
_EE = 0.00669342162296594323


def _offset(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 minus WGS84 in degrees at a WGS84 position (the standard formula)."""
    x, y = lon - 105.0, lat - 35.0
    common = 20.0 * np.sin(6.0 * x * math.pi) + 20.0 * np.sin(2.0 * x * math.pi)
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
            + (common + 20.0 * np.sin(y * math.pi) + 40.0 * np.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
            + (160.0 * np.sin(y / 12.0 * math.pi) + 320.0 * np.sin(y * math.pi / 30.0)) * 2.0 / 3.0)
    dlon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
            + (common + 20.0 * np.sin(x * math.pi) + 40.0 * np.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
            + (150.0 * np.sin(x / 12.0 * math.pi) + 300.0 * np.sin(x / 30.0 * math.pi)) * 2.0 / 3.0)
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * np.sin(rad) ** 2
    dlat = dlat * 180.0 / ((_A * (1 - _EE)) / (magic * np.sqrt(magic)) * math.pi)
    dlon = dlon * 180.0 / (_A / np.sqrt(magic) * np.cos(rad) * math.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    dlon, dlat = _offset(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon, lat, tolerance: float = 1e-9) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of wgs84_to_gcj02 by fixed-point iteration: move the guess by what its forward image misses."""
    gcj_lon, gcj_lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    wgs_lon, wgs_lat = gcj_lon.copy(), gcj_lat.copy()
    for _ in range(30):  # the offset is smooth and < 1 km, so this converges in a few steps
        fwd_lon, fwd_lat = wgs84_to_gcj02(wgs_lon, wgs_lat)
        miss_lon, miss_lat = gcj_lon - fwd_lon, gcj_lat - fwd_lat
        wgs_lon, wgs_lat = wgs_lon + miss_lon, wgs_lat + miss_lat
        if max(np.max(np.abs(miss_lon), initial=0), np.max(np.abs(miss_lat), initial=0)) < tolerance:
            break
    return wgs_lon, wgs_lat


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h))
