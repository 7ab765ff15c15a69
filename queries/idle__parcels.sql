-- “五未” parcels of the snapshot month: category, idle area, how long stuck, linked project, last month's category.
-- Category, idle_since, idle_months (full calendar months from idle_since to the month end), idle_area,
-- developed_area_missing (用而未尽 with a blank 已开发面积, counted whole): base view `land`. 项目名称 from `projects` of the same snapshot month on 项目代码.
-- 滞留时长 (aging) is defined here and only here, on idle_months:
--   [0, 6) 不满6个月 · [6, 12) 6–12个月 · [12, 24) 12–24个月 · [24, ∞) 24个月及以上
-- prev_category: the parcel's category in the previous land snapshot (newest before $month); null when it
-- was not idle, not in the ledger, or there is no earlier snapshot.
-- grain: one row per idle parcel. params: $month, $unit
with previous_month as (
    -- from the catalog's list of snapshots (snapshot_periods), not a scan of every month's land
    select max(snapshot_month) as prev_month from snapshot_periods where table_name = 'land' and snapshot_month < $month
),

idle as (
    select *
    from land
    where snapshot_month = $month and five_idle is not null
        and ($unit = 'city' or unit_id = $unit)
),

previous_idle as (
    select parcel_id, five_idle as prev_category
    from land
    where snapshot_month = (select prev_month from previous_month) and five_idle is not null
),

linked_projects as (
    select project_code, project_name
    from projects
    where snapshot_month = $month
),

final as (
    select
        idle.parcel_id,
        idle.parcel_name,
        idle.unit_id,
        units.unit_name,
        units.sort_order,
        idle.land_use,
        idle.five_idle as category,
        five_idle_categories.category_order,
        idle.area,
        idle.developed_area,
        idle.developed_area_missing,
        idle.idle_area,
        idle.idle_since,
        idle.idle_months,
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
        end as aging_order,
        idle.approved_on,
        idle.supplied_on,
        idle.contract_start_on,
        idle.project_code,
        linked_projects.project_name,
        previous_idle.prev_category,
        idle.lon,
        idle.lat
    from idle
    join units using (unit_id)
    join five_idle_categories on five_idle_categories.category = idle.five_idle
    left join linked_projects using (project_code)
    left join previous_idle using (parcel_id)
)

select * from final
order by category_order, idle_months desc, idle_area desc, parcel_id
