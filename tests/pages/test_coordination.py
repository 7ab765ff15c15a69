"""The 统筹 page under AppTest on hand-made snapshots: a duplicate pair, a move, the 产业雷同 matrix."""
from __future__ import annotations

from tests.helpers import choose_tab, dataframe_starting_with, project, run_page, write


def test_three_views(data_root):
    may = [project(1, "nanhu", project_name="博辉新能源汽车零部件项目", industry="新能源汽车", signed_on="2020-03-01"),
           project(2, "haining", project_name="嘉兴博辉年产5万台新能源汽车零部件项目", industry="新能源汽车",
                   signed_on="2020-04-01"),
           project(3, "xiuzhou", industry="新材料", signed_on="2020-02-01")]
    write(data_root, "2020-05", projects=may)
    write(data_root, "2020-06", projects=may[:2] + [project(3, "jiashan", industry="新材料", signed_on="2020-02-01")])
    at = run_page("coordination.py", "2020-06")
    assert at.markdown[0].value == "#### 疑似重复招引：1对"
    pairs = dataframe_starting_with(at, "规范化名称")
    assert pairs[["规范化名称", "县级主体甲", "县级主体乙"]].values.tolist() == [["博辉新能源汽车零部件", "南湖区", "海宁市"]]
    at = choose_tab(at, "coordination_tab", "横向转移")
    assert at.markdown[0].value == "#### 2020年截至2020年6月：县级主体变更1个，移出项目库（未投产）0个"
    moves = dataframe_starting_with(at, "月份")
    assert moves[["上期县级主体", "本期县级主体"]].values.tolist() == [["秀洲区", "嘉善县"]]
    at = choose_tab(at, "coordination_tab", "产业雷同")
    assert at.markdown[0].value == "#### 0个产业有5个及以上县级主体本年签约"
    assert dataframe_starting_with(at, "所属产业")["所属产业"].tolist() == ["新能源汽车", "新材料"]
