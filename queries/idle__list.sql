-- The “五未” 地块清单, the one enriched parcel list: the idle parcels (idle__parcels_core, included) filtered as the
-- analyst chose, the first $limit rows in the list's order (category, longest stuck, largest, 电子监管号), then, for
-- those rows only, 项目名称 (from `projects` of the same snapshot month on 项目代码) and prev_category (the parcel's
-- category in the previous land snapshot, the newest before $month; null when it was not idle, not in the ledger,
-- or there is no earlier snapshot). The page asks for the first [display] list_rows rows (its total comes from
-- idle__list_summary; its 导出Excel passes no limit), so only those are enriched; no filter and $limit null is the
-- whole list (views.idle_land.whole_list_params: the 通报's 附件 and the month's lists workbook).
-- grain: one row per idle parcel, at most $limit.
-- params: $month, $unit, $categories (list; empty = all), $buckets (滞留时长 list; empty = all),
--         $min_area (minimum “五未”面积, 亩; 0 = all), $limit (null = all)
with parcels as (
-- @include idle__parcels_core
),

shown as (
    select *
    from parcels
    where (len($categories) = 0 or list_contains($categories, category))
        and (len($buckets) = 0 or list_contains($buckets, aging_bucket))
        and ($min_area = 0 or idle_area >= $min_area)
    order by category_order, idle_months desc, idle_area desc, parcel_id
    limit $limit
),

previous_month as (
    -- from the catalog's list of snapshots (snapshot_periods), not a scan of every month's land
    select max(snapshot_month) as prev_month from snapshot_periods where table_name = 'land' and snapshot_month < $month
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
        shown.parcel_id,
        shown.parcel_name,
        shown.unit_id,
        shown.unit_name,
        shown.sort_order,
        shown.land_use,
        shown.category,
        shown.category_order,
        shown.area,
        shown.developed_area,
        shown.developed_area_missing,
        shown.idle_area,
        shown.idle_since,
        shown.idle_months,
        shown.aging_bucket,
        shown.aging_order,
        shown.approved_on,
        shown.supplied_on,
        shown.contract_start_on,
        shown.project_code,
        linked_projects.project_name,
        previous_idle.prev_category,
        shown.lon,
        shown.lat
    from shown
    left join linked_projects using (project_code)
    left join previous_idle using (parcel_id)
)

select * from final
order by category_order, idle_months desc, idle_area desc, parcel_id
