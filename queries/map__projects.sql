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

final as (
    select
        located.project_code,
        located.project_name,
        located.unit_id,
        units.unit_name,
        located.stage,
        located.stage_order,
        located.total_investment / 10000 as total_investment,
        located.is_snail,
        located.lon,
        located.lat,
        count(*) over () as located
    from located
    join units using (unit_id)
)

select * from final
order by total_investment desc nulls last, project_code
limit $limit
