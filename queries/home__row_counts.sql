-- Rows of each table in the selected snapshot month (targets: the month's year). params: $month
select '项目库' as table_title, count(*) as row_count from projects where snapshot_month = $month
union all
select '土地', count(*) from land where snapshot_month = $month
union all
select '推进节点', count(*) from nodes where snapshot_month = $month
union all
select '月度指标', count(*) from indicators where snapshot_month = $month
union all
select '年度目标', count(*) from targets where year = cast(left($month, 4) as integer)
