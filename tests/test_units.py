"""Unit names as real exports write them map to the nine stable ids."""
import pytest

from cockpit.units import CITY_ID, UNITS, match_unit


@pytest.mark.parametrize("text, expected", [
    ("南湖", "nanhu"), ("南湖区", "nanhu"), ("嘉兴市南湖区", "nanhu"), ("330402", "nanhu"), (330402.0, "nanhu"),
    (" 秀洲区 ", "xiuzhou"), ("浙江省嘉兴市海宁市", "haining"), ("桐乡", "tongxiang"),
    ("经开区", "jingkai"), ("嘉兴经开区", "jingkai"), ("嘉兴经济技术开发区", "jingkai"),
    ("港区", "gangqu"), ("嘉兴港区", "gangqu"),
])
def test_real_spellings_match(text, expected):
    assert match_unit(text) == expected


@pytest.mark.parametrize("text", ["嘉兴", "杭州市", "", None, "南湖街道", "全市"])
def test_unknown_names_do_not_match(text):
    assert match_unit(text) is None


def test_city_only_where_allowed():
    assert match_unit("全市", allow_city=True) == CITY_ID
    assert match_unit("嘉兴市", allow_city=True) == CITY_ID


def test_nine_units_with_two_zones_without_code():
    assert len(UNITS) == 9
    assert [u.id for u in UNITS if u.code is None] == ["jingkai", "gangqu"]
