-- “五未” parcels of the snapshot month: category, idle area, how long stuck, linked project, last month's category.
-- Category, idle_since, idle_months (full calendar months from idle_since to the month end), idle_area,
-- developed_area_missing (用而未尽 with a blank 已开发面积, counted whole): base view `land`. 项目名称 from `projects` of the same snapshot month on 项目代码.
-- 滞留时长 (aging) buckets and the category order: idle__parcels_core (included), which defines them.
-- prev_category: the parcel's category in the previous land snapshot (newest before $month); null when it
-- was not idle, not in the ledger, or there is no earlier snapshot.
-- grain: one row per idle parcel. params: $month, $unit
with previous_month as (
    -- from the catalog's list of snapshots (snapshot_periods), not a scan of every month's land
    select max(snapshot_month) as prev_month from snapshot_periods where table_name = 'land' and snapshot_month < $month
),

idle as (
-- @include idle__parcels_core
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
        idle.unit_name,
        idle.sort_order,
        idle.land_use,
        idle.category,
        idle.category_order,
        idle.area,
        idle.developed_area,
        idle.developed_area_missing,
        idle.idle_area,
        idle.idle_since,
        idle.idle_months,
        idle.aging_bucket,
        idle.aging_order,
        idle.approved_on,
        idle.supplied_on,
        idle.contract_start_on,
        idle.project_code,
        linked_projects.project_name,
        previous_idle.prev_category,
        idle.lon,
        idle.lat
    from idle
    left join linked_projects using (project_code)
    left join previous_idle using (parcel_id)
)

select * from final
order by category_order, idle_months desc, idle_area desc, parcel_id
