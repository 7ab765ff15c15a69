"""The committed county boundaries: seven valid units inside Jiaxing, a gap-free coverage; GCJ-02 ↔ WGS84."""
from __future__ import annotations

import itertools

import pytest
import shapely
from shapely.geometry import shape

from cockpit import geo, units

# The statutory extent reaches into Hangzhou Bay / the Qiantang estuary (海宁、海盐 to ~30.26°N) and 平湖's islands
# (~121.34°E), so the box is the land figure (120°18'–121°16'E, 30°21'–31°02'N) widened by about 0.1°.
LON_RANGE, LAT_RANGE = (120.2, 121.4), (30.2, 31.1)


@pytest.fixture(scope="module")
def features():
    return geo.unit_features()


def test_exactly_the_seven_statutory_units(features):
    got = [(f["properties"]["unit_id"], f["properties"]["name"], f["properties"]["code"]) for f in features]
    assert got == [(u.id, u.name, u.code) for u in units.UNITS if not u.is_zone]
    assert geo.BOUNDARY_FILE.stat().st_size < 300 * 1024


def test_geometry_valid_and_inside_jiaxing(features):
    for f in features:
        g = shape(f["geometry"])
        assert g.is_valid and not g.is_empty, f["properties"]["name"]
        minx, miny, maxx, maxy = g.bounds
        assert LON_RANGE[0] < minx and maxx < LON_RANGE[1], f["properties"]["name"]
        assert LAT_RANGE[0] < miny and maxy < LAT_RANGE[1], f["properties"]["name"]
        coords = shapely.get_coordinates(g)
        assert (coords.round(5) == coords).all()  # rounded to 5 decimals


def test_neighbours_share_edges_without_gaps_or_overlaps(features):
    shapes = {f["properties"]["unit_id"]: shape(f["geometry"]) for f in features}
    for (a, ga), (b, gb) in itertools.combinations(shapes.items(), 2):
        assert ga.intersection(gb).area < 1e-6, (a, b)
    # Known neighbours touch along a shared edge (a line, not a point), so there is no sliver between them.
    for a, b in [("nanhu", "xiuzhou"), ("nanhu", "jiashan"), ("nanhu", "pinghu"), ("nanhu", "haiyan"),
                 ("haining", "haiyan"), ("haining", "tongxiang"), ("tongxiang", "xiuzhou"), ("pinghu", "haiyan")]:
        assert shapes[a].boundary.intersection(shapes[b].boundary).length > 0.01, (a, b)
    # Shared edges are identical vertex for vertex, so a rebuild that rounds units apart would fail here.
    assert shapely.coverage_is_valid(list(shapes.values()))
    union = shapely.union_all(list(shapes.values()))
    holes = [shapely.Polygon(ring).area for part in getattr(union, "geoms", [union]) for ring in part.interiors]
    assert all(h < 1e-6 for h in holes), holes
    # The mainland is one piece (islands of 平湖 may be separate parts).
    assert max(p.area for p in getattr(union, "geoms", [union])) > 0.99 * union.area


def test_gcj02_round_trip_of_a_published_point_within_one_metre():
    # eviltransform's test point (Shanghai): WGS84 31.1774276N 121.5272106E ↔ GCJ-02 31.17530398364597N 121.531541859215E
    gcj_lon, gcj_lat = geo.wgs84_to_gcj02(121.5272106, 31.1774276)
    assert geo.distance_m(float(gcj_lon), float(gcj_lat), 121.531541859215, 31.17530398364597) < 0.01
    lon, lat = geo.gcj02_to_wgs84(121.531541859215, 31.17530398364597)
    assert geo.distance_m(float(lon), float(lat), 121.5272106, 31.1774276) < 1.0
    # and the offset is real (hundreds of metres), so the conversion is not a no-op
    assert geo.distance_m(121.5272106, 31.1774276, 121.531541859215, 31.17530398364597) > 300


def test_round_trip_over_jiaxing_grid():
    import numpy as np
    lon, lat = np.meshgrid(np.linspace(120.3, 121.3, 11), np.linspace(30.3, 31.0, 8))
    back_lon, back_lat = geo.gcj02_to_wgs84(*geo.wgs84_to_gcj02(lon.ravel(), lat.ravel()))
    worst = max(geo.distance_m(a, b, c, d) for a, b, c, d in zip(lon.ravel(), lat.ravel(), back_lon, back_lat))
    assert worst < 0.01


def test_zones_are_points_not_polygons(features):
    assert {z.unit_id for z in geo.ZONE_POINTS} == {u.id for u in units.UNITS if u.is_zone}
    assert not {f["properties"]["unit_id"] for f in features} & {"jingkai", "gangqu"}
