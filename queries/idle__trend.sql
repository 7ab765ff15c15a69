-- “五未”土地 over the last 12 land snapshots up to $month: parcels and idle area (亩) per snapshot month and
-- category, zeros included. Category and idle area: base view `land`, as in idle__by_unit.sql.
-- grain: one row per snapshot month × category. params: $month, $unit
with months as (
    -- from the catalog's list of snapshots (snapshot_periods), not a scan of every month's land
    select snapshot_month from snapshot_periods where table_name = 'land' and snapshot_month <= $month
    order by snapshot_month desc
    limit 12
),

idle as (
    select snapshot_month, five_idle as category, count(*) as parcels, sum(idle_area) as idle_area
    from land
    where five_idle is not null and ($unit = 'city' or unit_id = $unit)
        and snapshot_month in (select snapshot_month from months)
    group by all
),

final as (
    select
        months.snapshot_month,
        five_idle_categories.category,
        five_idle_categories.category_order,
        coalesce(idle.parcels, 0) as parcels,
        coalesce(idle.idle_area, 0) as idle_area
    from months
    cross join five_idle_categories
    left join idle using (snapshot_month, category)
)

select * from final
order by snapshot_month, category_order
