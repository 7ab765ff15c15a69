-- Projects with a location for the map's project layer, snapshot month $month.
-- total_investment in 亿元 (stored 万元 / 10000); stage and stage_order from the base view `projects`.
-- Projects without 经度/纬度 are left out (they cannot be placed).
-- Only the $limit largest by 总投资 are drawn (config [display] map_points); `located` is how many have a location.
-- grain: one row per drawn project. params: $month, $unit, $limit
with located as (
    select *
    from projects
    where snapshot_month = $month and lon is not null and lat is not null
        and ($unit = 'city' or unit_id = $unit)
),

top as (
    -- the $limit largest first (a top-n over the located rows), then their names: a window count over every
    -- located row here kept DuckDB from the top-n and sorted the whole month (560 ms at 1,500,000 projects)
    select *
    from located
    order by total_investment desc nulls last, project_code
    limit $limit
),

final as (
    select
        top.project_code,
        top.project_name,
        top.unit_id,
        units.unit_name,
        top.stage,
        top.stage_order,
        top.total_investment / 10000 as total_investment,
        top.is_snail,
        top.lon,
        top.lat,
        (select count(*) from located) as located
    from top
    join units using (unit_id)
)

select * from final
order by total_investment desc nulls last, project_code
