-- Projects whose stage changed between the $previous_month snapshot and the $month snapshot.
-- move: 推进 (later stage now), 回退 (earlier stage now: a date was corrected), 新增 (not listed before, signed after
-- the $previous_month snapshot date, i.e. since then), 新入库 (not listed before, signed earlier), 移出 (listed before,
-- not now). Unchanged projects are left out. $previous_month is normally the month before; the page passes the
-- newest earlier snapshot.
-- Without a $previous_month snapshot there are no rows (nothing to compare with).
-- When $previous_month is the previous project snapshot (the usual case) the moves were derived at import
-- (int__project_changes.sql) and only the month's file of changes is read; for any other $previous_month the two
-- months' projects are joined here, by the same rules.
-- grain: one row per project that moved. params: $month, $previous_month, $unit
with comparison as (
    -- from the catalog's list of snapshots (snapshot_periods), not a scan of the months' projects
    select coalesce(
        $month in (select snapshot_month from snapshot_periods)
        and $previous_month = (select max(snapshot_month) from snapshot_periods
                               where table_name = 'projects' and snapshot_month < $month), false) as is_derived
),

derived as (
    select
        project_code, project_name, unit_id,
        stage_before, stage_order_before, stage_now, stage_order_now, total_investment_yi, move
    from project_changes
    where snapshot_month = $month and move is not null and (select is_derived from comparison)
),

-- any other comparison month (DuckDB 2.0 still starts both scans when the changes were derived, and drops the first
-- rows they read: a few milliseconds, not the join)
now as (
    select project_code, project_name, unit_id, stage, stage_order, total_investment, signed_on
    from projects where snapshot_month = $month and not (select is_derived from comparison)
),

before as (
    -- only the columns used: this CTE is materialized, and a `select *` read the first rows of every column even
    -- when the changes were derived
    select project_code, project_name, unit_id, stage, stage_order, total_investment, snapshot_date
    from projects where snapshot_month = $previous_month and not (select is_derived from comparison)
),

joined as (
    select
        coalesce(now.project_code, before.project_code) as project_code,
        coalesce(now.project_name, before.project_name) as project_name,
        coalesce(now.unit_id, before.unit_id) as unit_id,
        before.stage as stage_before,
        before.stage_order as stage_order_before,
        now.stage as stage_now,
        now.stage_order as stage_order_now,
        coalesce(now.total_investment, before.total_investment) / 10000 as total_investment_yi,
        case
            when before.project_code is null
                and now.signed_on > (select max(snapshot_date) from before) then '新增'
            when before.project_code is null then '新入库'
            when now.project_code is null then '移出'
            when now.stage_order > before.stage_order then '推进'
            when now.stage_order < before.stage_order then '回退'
        end as move
    from now
    full join before using (project_code)
    where exists (select 1 from before)
),

paired as (
    select * from derived
    union all
    select * from joined
),

final as (
    select paired.*, units.unit_name, units.sort_order
    from paired
    join units using (unit_id)
    where paired.move is not null
        and ($unit = 'city' or paired.unit_id = $unit)
)

select * from final
order by case move when '推进' then 1 when '新增' then 2 when '新入库' then 3 when '回退' then 4 else 5 end,
    sort_order, stage_order_now desc, project_code
