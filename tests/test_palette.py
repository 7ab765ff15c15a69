"""The status palette reads in greyscale and for red-green colour-blind viewers, and every status has a mark."""
from itertools import combinations, pairwise

from cockpit.charts import theme


def deuteranope(color: str) -> tuple[float, float, float]:
    """The colour as a deuteranope sees it (Viénot, Brettel & Mollon 1999, in linear RGB), back in 0–255 sRGB."""
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    def encoded(c: float) -> float:
        c = min(max(c, 0.0), 1.0)
        return 255 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055)

    r, g, b = (linear(c) for c in theme.hex_to_rgb(color))
    return (encoded(0.29275 * r + 0.70725 * g), encoded(0.29275 * r + 0.70725 * g),
            encoded(-0.02234 * r + 0.02234 * g + b))


def test_greyscale_matches_hand_computed_values():
    assert round(theme.greyscale("#FFFFFF")) == 255
    assert round(theme.greyscale("#9B1C1C"), 1) == 66.0  # 0.299·155 + 0.587·28 + 0.114·28
    # the old pair the issue found printing as one grey
    assert abs(theme.greyscale("#2E7D32") - theme.greyscale("#C62828")) < 10


def test_status_colours_differ_by_at_least_40_grey_levels():
    greys = {s: theme.greyscale(c) for s, c in theme.STATUS_COLORS.items()}
    assert set(greys) == {"达序时", "落后", "严重落后"}
    for a, b in combinations(greys, 2):
        assert abs(greys[a] - greys[b]) >= 40, (a, b, greys)
    # "no data" grey stays apart from every status too
    for status, grey in greys.items():
        assert abs(theme.greyscale(theme.COLORS["no_data"]) - grey) >= 40, status


def test_warning_and_idle_colours_differ_by_at_least_40_grey_levels():
    for palette in (theme.WARNING_COLORS, theme.FIVE_IDLE_COLORS):
        greys = sorted(theme.greyscale(c) for c in palette.values())
        assert min(b - a for a, b in pairwise(greys)) >= 40, palette


def test_status_colours_stay_apart_for_deuteranopes():
    seen = {s: deuteranope(c) for s, c in theme.STATUS_COLORS.items()}
    for a, b in combinations(seen, 2):
        distance = sum((x - y) ** 2 for x, y in zip(seen[a], seen[b])) ** 0.5
        assert distance >= 60, (a, b, seen)


def test_every_status_has_its_own_mark():
    assert theme.STATUS_MARKS == {"达序时": "✓", "落后": "▲", "严重落后": "✕"}
    assert theme.status_mark(None) == ""
