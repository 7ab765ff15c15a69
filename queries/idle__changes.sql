-- Change of “五未” parcels against an earlier land snapshot: the previous one (the newest before $month) when
-- $base_month is '', else the chosen $base_month (the analyst's 对比月份).
-- 新增 in a category: the parcel is in it now and was not then (new in the ledger, newly idle, or
-- moved in from another category). 消除 from a category: it was in it then and is not now (moved on
-- to the next category, left the “五未” list, or left the ledger). So a parcel that moves from one category
-- to another counts as 消除 from the old and 新增 in the new; a parcel staying in its category is no change.
-- No rows when there is no such earlier land snapshot (none before $month, or $base_month not before it).
-- grain: one row per parcel × side of a change (新增 or 消除). params: $month, $base_month, $unit
with previous_month as (
    -- from the catalog's list of snapshots (snapshot_periods), not a scan of every month's land
    select max(snapshot_month) as prev_month from snapshot_periods
    where table_name = 'land' and snapshot_month < $month and ($base_month = '' or snapshot_month = $base_month)
),

now as (
    select parcel_id, parcel_name, unit_id, area, five_idle, idle_area
    from land
    where snapshot_month = $month
),

before as (
    select parcel_id, parcel_name, unit_id, area, five_idle, idle_area
    from land
    where snapshot_month = (select prev_month from previous_month)
),

paired as (
    select
        coalesce(now.parcel_id, before.parcel_id) as parcel_id,
        coalesce(now.parcel_name, before.parcel_name) as parcel_name,
        coalesce(now.unit_id, before.unit_id) as unit_id,
        coalesce(now.area, before.area) as area,
        now.parcel_id is not null as in_now,
        before.parcel_id is not null as in_before,
        before.five_idle as from_category,
        now.five_idle as to_category,
        before.idle_area as idle_area_before,
        now.idle_area as idle_area_now
    from now
    full join before using (parcel_id)
    where before.five_idle is distinct from now.five_idle
        and (select prev_month from previous_month) is not null
),

added as (
    select
        parcel_id, parcel_name, unit_id, area,
        to_category as category,
        '新增' as change,
        case
            when not in_before then '新入台账'
            when from_category is null then '新列入“五未”'
            else '由' || from_category || '转入'
        end as detail,
        from_category,
        to_category,
        idle_area_now as idle_area
    from paired
    where to_category is not null
),

cleared as (
    select
        parcel_id, parcel_name, unit_id, area,
        from_category as category,
        '消除' as change,
        case
            when not in_now then '移出台账'
            when to_category is null then '退出“五未”'
            else '转入' || to_category
        end as detail,
        from_category,
        to_category,
        idle_area_before as idle_area
    from paired
    where from_category is not null
),

final as (
    select
        changes.*,
        units.unit_name,
        units.sort_order,
        five_idle_categories.category_order,
        (select prev_month from previous_month) as prev_month
    from (select * from added union all select * from cleared) as changes
    join units using (unit_id)
    join five_idle_categories using (category)
    where ($unit = 'city' or changes.unit_id = $unit)
)

select * from final
order by category_order, change, sort_order, parcel_id
