-- “五未” parcels with a location for the map's land layer, snapshot month $month.
-- Category (five_idle) and idle_area (亩) from the base view `land`; parcels without 经度/纬度 are left out.
-- Only the $limit largest by idle_area are drawn (config [display] map_points); `located` is how many have a location.
-- grain: one row per drawn parcel. params: $month, $unit, $limit
with located as (
    select *
    from land
    where snapshot_month = $month and five_idle is not null and lon is not null and lat is not null
        and ($unit = 'city' or unit_id = $unit)
),

top as (
    -- the $limit largest 闲置 areas first (a top-n), then their names and categories: a window count and
    -- row_number over every located parcel kept DuckDB from the top-n (450 ms at 1,500,000 projects)
    select *
    from located
    order by idle_area desc nulls last, parcel_id
    limit $limit
),

final as (
    select
        top.parcel_id,
        top.parcel_name,
        top.unit_id,
        units.unit_name,
        top.five_idle as category,
        five_idle_categories.category_order,
        top.idle_area,
        top.idle_months,
        top.lon,
        top.lat,
        (select count(*) from located) as located
    from top
    join units using (unit_id)
    join five_idle_categories on five_idle_categories.category = top.five_idle
)

select * from final
order by category_order, idle_area desc, parcel_id
