-- Rows of each table in the selected snapshot month (targets: the month's year), as imported: the catalog's row
-- counts (snapshot_periods), so 首页 opens no project, parcel or node file for them. params: $month
with tables as (
    select * from (values ('项目库', 'projects', 1), ('土地', 'land', 2), ('推进节点', 'nodes', 3),
        ('月度指标', 'indicators', 4)) as t(table_title, table_name, table_order)
),

counts as (
    select tables.table_title, tables.table_order, coalesce(sum(periods.row_count), 0) as row_count
    from tables
    left join snapshot_periods as periods
        on periods.table_name = tables.table_name and periods.snapshot_month = $month
    group by tables.table_title, tables.table_order
    union all
    select '年度目标', 5, count(*) from targets where year = cast(left($month, 4) as integer)
)

select table_title, row_count from counts order by table_order
