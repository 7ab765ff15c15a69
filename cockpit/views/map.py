"""The county map: metric choices, colour bins, the offline pydeck map and the same map as a plotly figure for PNGs."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import plotly.graph_objects as go
import polars as pl
import pydeck as pdk
import shapely
from shapely.geometry import shape
from shapely.ops import polylabel

from cockpit import geo, labels, units
from cockpit.charts import theme
from cockpit.metrics import format_value


@dataclass(frozen=True)
class MapMetric:
    key: str  # column of queries/map__unit_metrics.sql
    label: str
    unit: str  # display unit
    scale: float  # query value × scale = display value
    higher_is_worse: bool
    definition: str


MAP_METRICS: dict[str, MapMetric] = {m.key: m for m in (
    MapMetric("industrial_investment", "工业投资（本年累计）", "亿元", 1.0, False,
              "工业投资：月度指标“工业投资”本年累计（万元÷10000）。"),
    MapMetric("investment_rate", "工业投资完成率", "%", 100.0, False,
              "完成率=工业投资本年累计÷本主体当年工业投资目标；无目标时不计。"),
    MapMetric("idle_area", "“五未”面积", "亩", 1.0, True,
              "“五未”面积：本月处于“五未”环节的地块面积之和（用而未尽计未开发部分）。"),
    MapMetric("snail_projects", "蜗牛项目数", "个", 1.0, True,
              "蜗牛项目：超合同开工/竣工日期6个月以上（含6个月）未开工/未竣工的项目。"),
    MapMetric("projects", "在库项目数", "个", 1.0, False, "在库项目：本月项目库中的全部项目。"),
    MapMetric("total_investment", "在库项目总投资", "亿元", 1.0, False,
              "在库项目总投资：本月项目库全部项目总投资之和（万元÷10000）。"),
)}
N_BINS = 5
_LAT_SCALE = 1 / math.cos(math.radians(geo.CENTER_LAT))  # degrees of latitude are this much longer on screen


def metric_values(unit_metrics: pl.DataFrame, key: str) -> pl.DataFrame:
    """unit_id, value (in the metric's display unit) of one metric, from map__unit_metrics."""
    metric = MAP_METRICS[key]
    return unit_metrics.select("unit_id", (pl.col(key).cast(pl.Float64) * metric.scale).alias("value"))


def unit_table(unit_metrics: pl.DataFrame) -> pl.DataFrame:
    """The map's figures as a table with Chinese headers (every metric, in display units)."""
    columns = ["unit_name"]
    for m in MAP_METRICS.values():
        columns.append((pl.col(m.key).cast(pl.Float64) * m.scale).round(2).alias(labels.with_unit(m.label, m.unit)))
    return labels.table(unit_metrics.sort("sort_order"), *columns)


def project_table(projects: pl.DataFrame) -> pl.DataFrame:
    """The projects drawn on the map (map__projects), largest first, as a list whose names link to each project."""
    return labels.table(projects, "project_name", "project_code", "unit_name", "stage",
                        pl.col("total_investment").round(2).alias("total_investment_yi"),
                        pl.when(pl.col("is_snail")).then(pl.lit("是")).otherwise(pl.lit("")).alias("is_snail"))


def parcel_table(parcels: pl.DataFrame) -> pl.DataFrame:
    """The “五未” parcels drawn on the map (map__parcels)."""
    return labels.table(parcels, "parcel_id", "parcel_name", "unit_name", pl.col("category").alias("five_idle"),
                        pl.col("idle_area").round(2), "idle_months")


def metric_bins(unit_metrics: pl.DataFrame, key: str) -> "Bins":
    metric = MAP_METRICS[key]
    return bins(list(_value(metric_values(unit_metrics, key)).values()), metric.higher_is_worse)


# ---- colour bins -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bins:
    edges: list[float]  # len(colors) + 1 ascending edges, equal intervals
    colors: list[str]

    def color(self, value: float | None) -> str:
        if value is None or not self.edges:
            return theme.COLORS["no_data"]
        lo, hi = self.edges[0], self.edges[-1]
        if hi <= lo:
            return self.colors[-1]
        index = int((value - lo) / (hi - lo) * len(self.colors))
        return self.colors[min(max(index, 0), len(self.colors) - 1)]


def _mix(color: str, towards_white: float) -> str:
    rgb = theme.hex_to_rgb(color)
    return "#" + "".join(f"{round(c + (255 - c) * towards_white):02X}" for c in rgb)


def sequential_colors(higher_is_worse: bool, n: int = N_BINS) -> list[str]:
    """Light to dark in our palette: blue where more is better, red where more is worse."""
    dark = theme.COLORS["far_behind"] if higher_is_worse else theme.COLORS["primary"]
    return [_mix(dark, 0.85 * (1 - i / (n - 1))) for i in range(n)]


def bins(values: list[float | None], higher_is_worse: bool = False, n: int = N_BINS) -> Bins:
    """Equal-interval bins from the smallest to the largest value (one class when all are equal)."""
    present = [v for v in values if v is not None and not math.isnan(v)]
    colors = sequential_colors(higher_is_worse, n)
    if not present:
        return Bins([], colors)
    lo, hi = min(present), max(present)
    if hi <= lo:
        return Bins([lo, hi], colors[-1:])
    return Bins([lo + (hi - lo) * i / n for i in range(n + 1)], colors)


def _value(values: pl.DataFrame) -> dict[str, float | None]:
    return {u: (None if v is None or math.isnan(v) else float(v)) for u, v in values.select("unit_id", "value").iter_rows()}


# ---- geometry helpers --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _unit_shapes() -> tuple[tuple[str, str, object], ...]:
    return tuple((f["properties"]["unit_id"], f["properties"]["name"], shape(f["geometry"])) for f in geo.unit_features())


@lru_cache(maxsize=1)
def _bounds() -> tuple[float, float, float, float]:
    return shapely.union_all([g for _, _, g in _unit_shapes()]).bounds


def _parts(geometry) -> list:
    return list(geometry.geoms) if hasattr(geometry, "geoms") else [geometry]


# Zone labels sit in open space beside the map (lon, lat of the text) with a leader line to the marker:
# inside the small 南湖区 they would cover its own label. 经开区's goes east of 嘉善县 and north of 平湖市, clear of
# both their labels (its leader passes between them); 港区's to the open sea east of 海盐.
ZONE_LABEL_AT = {"jingkai": (121.22, 30.95), "gangqu": (121.30, 30.44)}


def _luminance(color: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    def linear(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in theme.hex_to_rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def label_color(fill: str) -> str:
    """The label colour on a fill: white or the dark text colour, whichever contrasts more with it."""
    lum = _luminance(fill)
    on_white = 1.05 / (lum + 0.05)
    on_dark = (lum + 0.05) / (_luminance(theme.COLORS["text"]) + 0.05)
    return "white" if on_white > on_dark else theme.COLORS["text"]


def _zone_label_area(zone: geo.ZonePoint):
    """The marker, which unit labels keep clear of."""
    return shapely.Point(zone.lon, zone.lat).buffer(0.035)


def label_point(geometry) -> tuple[float, float]:
    """A point well inside the unit's largest part (pole of inaccessibility), kept clear of the zone markers."""
    largest = max(_parts(geometry), key=lambda p: p.area)
    clear = largest.difference(shapely.union_all([_zone_label_area(z) for z in geo.ZONE_POINTS]))
    if not clear.is_empty:
        largest = max(_parts(clear), key=lambda p: p.area)
    point = polylabel(largest, 0.002)
    return point.x, point.y


# ---- pydeck ------------------------------------------------------------------------------------------------

TOOLTIP_STYLE = {"fontFamily": theme.FONT_FAMILY, "fontSize": "16px", "whiteSpace": "pre-line",
                 "backgroundColor": theme.COLORS["text"], "color": "white", "padding": "8px 12px"}


def unit_summary(row: dict) -> str:
    """Every figure of one unit, one per line (the map's tooltip)."""
    lines = [row["unit_name"] + ("（功能区，位置为大致位置）" if row["is_zone"] else "")]
    for metric in MAP_METRICS.values():
        value = row[metric.key]
        lines.append(f"{metric.label}：{format_value(None if value is None else value * metric.scale, metric.unit)}")
    return "\n".join(lines)


def unit_records(unit_metrics: pl.DataFrame, key: str) -> tuple[list[dict], Bins]:
    """One record per polygon part of the seven statutory units with the chosen metric, its colour and tooltip."""
    metric = MAP_METRICS[key]
    by_id = {row["unit_id"]: row for row in unit_metrics.iter_rows(named=True)}
    values = _value(metric_values(unit_metrics, key))
    scale = metric_bins(unit_metrics, key)
    records = []
    for unit_id, name, geometry in _unit_shapes():
        row = by_id.get(unit_id)
        value = values.get(unit_id)
        for part in _parts(geometry):
            records.append({
                "unit_id": unit_id, "name": name, "value": value,
                "value_text": format_value(value, metric.unit),
                "polygon": [[list(c) for c in part.exterior.coords], *([list(c) for c in r.coords] for r in part.interiors)],
                "fill": [*theme.hex_to_rgb(scale.color(value)), 230],
                "tooltip": unit_summary(row) if row else name,
            })
    return records, scale


def zone_records(unit_metrics: pl.DataFrame, key: str, scale: Bins) -> list[dict]:
    metric = MAP_METRICS[key]
    by_id = {row["unit_id"]: row for row in unit_metrics.iter_rows(named=True)}
    values = _value(metric_values(unit_metrics, key))
    out = []
    for zone in geo.ZONE_POINTS:
        value = values.get(zone.unit_id)
        row = by_id.get(zone.unit_id)
        out.append({
            "unit_id": zone.unit_id, "name": zone.name, "value": value,
            "value_text": format_value(value, metric.unit),
            "position": [zone.lon, zone.lat],
            "label_position": list(ZONE_LABEL_AT.get(zone.unit_id, (zone.lon + 0.15, zone.lat))),
            "fill": [*theme.hex_to_rgb(scale.color(value)), 255],
            "label": f"{row['unit_short'] if row else zone.name}（大致位置）\n{format_value(value, metric.unit)}",
            "tooltip": unit_summary(row) if row else zone.name,
        })
    return out


def project_records(projects: pl.DataFrame) -> list[dict]:
    return [{
        "position": [r["lon"], r["lat"]], "name": r["project_name"], "stage": r["stage"],
        "total_investment": r["total_investment"], "unit_name": r["unit_name"],
        "fill": [*theme.hex_to_rgb(theme.STAGE_COLORS.get(r["stage"], theme.COLORS["no_data"])), 210],
        # area proportional to investment: 1亿元 → 150 m radius, 100亿元 → 1.5 km
        "radius": 150.0 * math.sqrt(max(r["total_investment"] or 0.0, 0.0)),
        "tooltip": (f"{r['project_name']}\n{r['unit_name']}　{r['stage']}\n"
                    f"总投资：{format_value(r['total_investment'], '亿元')}"),
    } for r in projects.iter_rows(named=True)]


def parcel_records(parcels: pl.DataFrame) -> list[dict]:
    return [{
        "position": [r["lon"], r["lat"]], "parcel_id": r["parcel_id"], "category": r["category"],
        "idle_area": r["idle_area"],
        "fill": [*theme.hex_to_rgb(theme.FIVE_IDLE_COLORS.get(r["category"], theme.COLORS["no_data"])), 220],
        "radius": 30.0 * math.sqrt(max(r["idle_area"] or 0.0, 0.0)),  # 100亩 → 300 m
        "tooltip": (f"{r['parcel_name'] or r['parcel_id']}\n{r['unit_name']}　{r['category']}\n"
                    f"“五未”面积：{format_value(r['idle_area'], '亩', 1)}"),
    } for r in parcels.iter_rows(named=True)]


def _text_layer(layer_id: str, data: list[dict], position: str, text: str, size: int, offset: list[int]):
    return pdk.Layer(
        "TextLayer", data=data, id=layer_id, get_position=position, get_text=text, get_size=size,
        get_color=[*theme.hex_to_rgb(theme.COLORS["text"]), 255],
        # pydeck turns bare strings into JS expressions; quoted ones are passed as literal strings
        character_set='"auto"', font_family=f"'{theme.FONT_FAMILY}'", font_weight=600, get_pixel_offset=offset,
        background=True, get_background_color=[255, 255, 255, 200], background_padding=[4, 2], pickable=False)


# Streamlit 1.67 fills in a Carto basemap (a request to basemaps.cartocdn.com) whenever the spec has no map style,
# which is what map_style=None gives. pydeck's own "no style chosen" sentinel is the one value Streamlit strips
# without substituting a basemap; with map_provider=None the map draws our layers only.
NO_BASEMAP_STYLE = "__MAP_STYLE__"


def county_deck(unit_metrics: pl.DataFrame, key: str, projects: pl.DataFrame | None = None,
                parcels: pl.DataFrame | None = None, height: int = 640) -> pdk.Deck:
    """The county map: units coloured by the metric, zone markers with their value, optional point layers.

    No basemap: nothing is fetched from another host (see NO_BASEMAP_STYLE).
    """
    units_data, scale = unit_records(unit_metrics, key)
    zones = zone_records(unit_metrics, key, scale)
    labels = [{"position": list(label_point(g)), "text": f"{name}\n{next(r['value_text'] for r in units_data if r['unit_id'] == uid)}"}
              for uid, name, g in _unit_shapes()]
    text_size = 15
    layers = [pdk.Layer(
        "PolygonLayer", data=units_data, id="units", get_polygon="polygon", get_fill_color="fill",
        get_line_color=[255, 255, 255, 255], line_width_min_pixels=2, stroked=True, filled=True, pickable=True,
        auto_highlight=True, highlight_color=[255, 255, 255, 80])]
    if parcels is not None:
        layers.append(pdk.Layer(
            "ScatterplotLayer", data=parcel_records(parcels), id="parcels", get_position="position",
            get_fill_color="fill", get_radius="radius", radius_min_pixels=2, radius_max_pixels=18, pickable=True))
    if projects is not None:
        layers.append(pdk.Layer(
            "ScatterplotLayer", data=project_records(projects), id="projects", get_position="position",
            get_fill_color="fill", get_radius="radius", radius_min_pixels=2, radius_max_pixels=30,
            stroked=True, get_line_color=[255, 255, 255, 180], line_width_min_pixels=0.5, pickable=True))
    layers += [
        pdk.Layer("ScatterplotLayer", data=zones, id="zones", get_position="position", get_fill_color="fill",
                  get_radius=9, radius_units='"pixels"', stroked=True,
                  get_line_color=[*theme.hex_to_rgb(theme.COLORS["text"]), 255], line_width_min_pixels=2,
                  pickable=True),
        _text_layer("unit_labels", labels, "position", "text", text_size, [0, 0]),
        pdk.Layer("LineLayer", data=zones, id="zone_leaders", get_source_position="position",
                  get_target_position="label_position", get_color=[*theme.hex_to_rgb(theme.COLORS["muted"]), 255],
                  get_width=1.5, width_units='"pixels"', pickable=False),
        _text_layer("zone_labels", zones, "label_position", "label", text_size - 2, [0, 0]),
    ]
    minx, miny, maxx, maxy = _bounds()
    return pdk.Deck(
        layers=layers, map_provider=None, map_style=NO_BASEMAP_STYLE, height=height,
        # centred on the units' extent (the city centre is north of it: the south reaches into the bay)
        initial_view_state=pdk.ViewState(longitude=round((minx + maxx) / 2, 4), latitude=round((miny + maxy) / 2, 4),
                                         zoom=geo.ZOOM, min_zoom=7, max_zoom=14),
        tooltip={"text": "{tooltip}", "style": TOOLTIP_STYLE})


def legend_html(scale: Bins, metric: MapMetric) -> str:
    """The colour key of the deck map (pydeck draws none): one swatch per bin with its value range."""
    title = f"{metric.label}（{metric.unit}）"
    if not scale.edges:
        return f"<div style='font-family:{theme.FONT_FAMILY}'>{title}：无数据</div>"
    digits = 0 if metric.unit in ("个", "亩") else 1
    items = []
    for i, color in enumerate(scale.colors):
        lo, hi = scale.edges[i], scale.edges[i + 1]
        text = f"{lo:,.{digits}f}–{hi:,.{digits}f}" if hi > lo else f"{lo:,.{digits}f}"
        items.append(f"<span style='display:inline-block;margin-right:14px;white-space:nowrap'>"
                     f"<span style='display:inline-block;width:22px;height:14px;background:{color};"
                     f"vertical-align:middle;margin-right:4px;border:1px solid {theme.COLORS['grid']}'></span>{text}</span>")
    return (f"<div style='font-family:{theme.FONT_FAMILY};font-size:15px;color:{theme.COLORS['text']}'>"
            f"<b>{title}</b>　{''.join(items)}</div>")


def category_legend_html(title: str, colors: dict[str, str]) -> str:
    """A key for the point layers (stage or “五未” category colours)."""
    items = "".join(f"<span style='display:inline-block;margin-right:12px;white-space:nowrap'>"
                    f"<span style='display:inline-block;width:12px;height:12px;border-radius:6px;background:{c};"
                    f"vertical-align:middle;margin-right:4px'></span>{name}</span>" for name, c in colors.items())
    return (f"<div style='font-family:{theme.FONT_FAMILY};font-size:15px;color:{theme.COLORS['text']}'>"
            f"<b>{title}</b>　{items}</div>")


# ---- plotly (for PNG export) -------------------------------------------------------------------------------


def _ring_xy(geometry) -> tuple[list[float | None], list[float | None]]:
    """All rings of all parts in one x/y list, separated by None (one filled trace per unit)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for part in _parts(geometry):
        for ring in (part.exterior, *part.interiors):
            x, y = ring.xy
            xs += [*x, None]
            ys += [*y, None]
    return xs, ys


def county_choropleth_figure(values: pl.DataFrame, metric_label: str, unit_label: str, *,
                             higher_is_worse: bool = False) -> go.Figure:
    """The seven units as filled shapes coloured by `value` (columns unit_id, value), zones as labelled points.

    higher_is_worse colours the scale red (more is worse) instead of blue. Plain scatter traces only: plotly's geo traces would fetch a world topojson from a CDN.
    """
    by_id = _value(values)
    scale = bins(list(by_id.values()), higher_is_worse)
    fig = go.Figure()
    label_x, label_y, label_text, label_colors = [], [], [], []
    for unit_id, name, geometry in _unit_shapes():
        value = by_id.get(unit_id)
        text = f"{name}<br>{format_value(value, unit_label)}"
        xs, ys = _ring_xy(geometry)
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=scale.color(value), name=name,
            line={"color": "white", "width": 1.5}, hoveron="fills", text=text, hoverinfo="text",
            showlegend=False, meta={"unit_id": unit_id}))
        lx, ly = label_point(geometry)
        label_x.append(lx)
        label_y.append(ly)
        label_text.append(text)
        label_colors.append(label_color(scale.color(value)))
    fig.add_trace(go.Scatter(x=label_x, y=label_y, mode="text", text=label_text, hoverinfo="skip",
                             showlegend=False, name="县级主体", textfont={"color": label_colors}))
    zones = geo.ZONE_POINTS
    fig.add_trace(go.Scatter(
        x=[z.lon for z in zones], y=[z.lat for z in zones], mode="markers", name="功能区（大致位置）",
        text=[f"{z.name}（大致位置）<br>{format_value(by_id.get(z.unit_id), unit_label)}" for z in zones], hoverinfo="text", showlegend=False,
        marker={"size": 16, "color": [scale.color(by_id.get(z.unit_id)) for z in zones],
                "line": {"color": theme.COLORS["text"], "width": 2}, "symbol": "circle"},
    ))
    for z in zones:
        ax, ay = ZONE_LABEL_AT.get(z.unit_id, (z.lon + 0.15, z.lat))
        fig.add_annotation(
            x=z.lon, y=z.lat, ax=ax, ay=ay, axref="x", ayref="y", showarrow=True, arrowhead=0, arrowwidth=1.5,
            arrowcolor=theme.COLORS["muted"], standoff=8, bgcolor="rgba(255,255,255,0.85)",
            text=f"{units.unit_short(z.unit_id)}（大致位置）<br>{format_value(by_id.get(z.unit_id), unit_label)}",
            font={"color": theme.COLORS["text"]})
    # The legend: an invisible marker carrying the stepped colour scale and its colourbar.
    if scale.edges:
        lo, hi = scale.edges[0], scale.edges[-1]
        steps = []
        for i, color in enumerate(scale.colors):
            steps += [[i / len(scale.colors), color], [(i + 1) / len(scale.colors), color]]
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip", name="图例",
            marker={"color": [lo, hi], "cmin": lo, "cmax": hi if hi > lo else lo + 1, "colorscale": steps,
                    "showscale": True, "colorbar": {"title": {"text": f"{metric_label}<br>（{unit_label}）"},
                                                    "tickvals": scale.edges, "tickformat": ",.1f" if unit_label not in ("个", "亩") else ",.0f",
                                                    "len": 0.8, "thickness": 22, "outlinewidth": 0}}))
    minx, miny, maxx, maxy = _bounds()
    fig.update_layout(
        title={"text": f"县级主体 {metric_label}"},
        xaxis={"visible": False, "range": [minx - 0.02, maxx + 0.22], "showgrid": False},
        yaxis={"visible": False, "range": [miny - 0.02, maxy + 0.02], "showgrid": False,
               "scaleanchor": "x", "scaleratio": _LAT_SCALE},
        hovermode="closest", showlegend=False,
    )
    return fig
