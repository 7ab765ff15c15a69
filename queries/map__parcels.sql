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

final as (
    select
        located.parcel_id,
        located.parcel_name,
        located.unit_id,
        units.unit_name,
        located.five_idle as category,
        five_idle_categories.category_order,
        located.idle_area,
        located.idle_months,
        located.lon,
        located.lat,
        count(*) over () as located
    from located
    join units using (unit_id)
    join five_idle_categories on five_idle_categories.category = located.five_idle
    qualify row_number() over (order by located.idle_area desc nulls last, located.parcel_id) <= $limit
)

select * from final
order by category_order, idle_area desc, parcel_id
