-- The “五未” parcels of the snapshot month with their category order and 滞留时长 bucket, from the base view `land`
-- alone (no project name, no last month): included by the parcel list (idle__list, which enriches only the rows it
-- returns) and the page's aggregates (idle__aging, idle__list_summary), which then need not join 1,500,000 projects.
-- 滞留时长 (aging) is defined here and only here, on idle_months:
--   [0, 6) 不满6个月 · [6, 12) 6–12个月 · [12, 24) 12–24个月 · [24, ∞) 24个月及以上
-- grain: one row per idle parcel. params: $month, $unit
with idle as (
    select *
    from land
    where snapshot_month = $month and five_idle is not null
        and ($unit = 'city' or unit_id = $unit)
),

final as (
    select
        idle.*,
        idle.five_idle as category,
        units.unit_name,
        units.sort_order,
        five_idle_categories.category_order,
        case
            when idle.idle_months < 6 then '不满6个月'
            when idle.idle_months < 12 then '6–12个月'
            when idle.idle_months < 24 then '12–24个月'
            else '24个月及以上'
        end as aging_bucket,
        case
            when idle.idle_months < 6 then 1
            when idle.idle_months < 12 then 2
            when idle.idle_months < 24 then 3
            else 4
        end as aging_order
    from idle
    join units using (unit_id)
    join five_idle_categories on five_idle_categories.category = idle.five_idle
)

select * from final
