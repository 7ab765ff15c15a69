-- “五未”土地 by unit and category: parcels and idle area (亩) in the snapshot month, and the same in the
-- previous land snapshot (the newest before $month; the *_prev columns are null when there is none).
-- Category, idle area: base view `land`. grain: one row per unit × category, zeros included.
-- params: $month, $unit
with previous_month as (
    -- from the catalog's list of snapshots (snapshot_periods), not a scan of every month's land
    select max(snapshot_month) as prev_month from snapshot_periods where table_name = 'land' and snapshot_month < $month
),

current_idle as (
    select unit_id, five_idle as category, count(*) as parcels, sum(idle_area) as idle_area
    from land
    where snapshot_month = $month and five_idle is not null
    group by all
),

previous_idle as (
    select unit_id, five_idle as category, count(*) as parcels_prev, sum(idle_area) as idle_area_prev
    from land
    where snapshot_month = (select prev_month from previous_month) and five_idle is not null
    group by all
),

grid as (
    select units.unit_id, units.unit_name, units.unit_short, units.sort_order,
        five_idle_categories.category, five_idle_categories.category_order
    from units
    cross join five_idle_categories
    where ($unit = 'city' or units.unit_id = $unit)
),

final as (
    select
        grid.*,
        coalesce(current_idle.parcels, 0) as parcels,
        coalesce(current_idle.idle_area, 0) as idle_area,
        previous_month.prev_month,
        case when previous_month.prev_month is not null
            then coalesce(previous_idle.parcels_prev, 0) end as parcels_prev,
        case when previous_month.prev_month is not null
            then coalesce(previous_idle.idle_area_prev, 0) end as idle_area_prev
    from grid
    cross join previous_month
    left join current_idle using (unit_id, category)
    left join previous_idle using (unit_id, category)
)

select * from final
order by sort_order, category_order
