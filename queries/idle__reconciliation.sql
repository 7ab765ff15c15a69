-- “五未” reconciliation of the snapshot month: every parcel of the land ledger in exactly one place,
--   地块总数 = Σ五类 + 已达规 + 数据不全,
-- from idle_status of the base view `land` (the five categories, 已达规, or 数据不全 with a named data gap).
-- Per unit and status: parcels, their whole area (亩), the area counted as “五未” (idle_area), and how many
-- 用而未尽 parcels have a blank 已开发面积 (counted with their whole area).
-- grain: one row per unit × status (5 categories, 已达规, 数据不全), zeros included. params: $month, $unit
with statuses as (
    select category as idle_status, category_order as status_order, true as is_idle
    from five_idle_categories
    union all
    select '已达规', 6, false
    union all
    select '数据不全', 7, false
),

counted as (
    select
        unit_id,
        idle_status,
        count(*) as parcels,
        sum(area) as area,
        sum(idle_area) as idle_area,
        count(*) filter (where developed_area_missing) as developed_area_missing
    from land
    where snapshot_month = $month
    group by all
),

grid as (
    select units.unit_id, units.unit_name, units.unit_short, units.sort_order, statuses.*
    from units
    cross join statuses
    where ($unit = 'city' or units.unit_id = $unit)
),

final as (
    select
        grid.*,
        coalesce(counted.parcels, 0) as parcels,
        coalesce(counted.area, 0) as area,
        coalesce(counted.idle_area, 0) as idle_area,
        coalesce(counted.developed_area_missing, 0) as developed_area_missing
    from grid
    left join counted using (unit_id, idle_status)
)

select * from final
order by sort_order, status_order
