-- 蜗牛项目 month over month against the previous project snapshot (the newest before $month).
-- 新增: 蜗牛 now, not 蜗牛 last time (or not in the library last time). 销号: 蜗牛 last time, not now —
-- 已开工 (was 开工滞后, has started), 已竣工 (was 竣工滞后, has completed), 移出项目库 (no longer listed),
-- otherwise 合同日期调整. 蜗牛 flags from the base view `projects`. No rows without an earlier snapshot.
-- 类型/合同日期/滞后月数: as in snail__projects, from the snapshot in which the project is 蜗牛.
-- grain: one row per project that became or stopped being 蜗牛. params: $month, $unit
with previous_month as (
    -- from the catalog's list of snapshots (snapshot_periods), not a scan of every month's projects
    select max(snapshot_month) as prev_month from snapshot_periods where table_name = 'projects' and snapshot_month < $month
),

now as (
    select * from projects where snapshot_month = $month
),

before as (
    select * from projects where snapshot_month = (select prev_month from previous_month)
),

paired as (
    select
        coalesce(now.project_code, before.project_code) as project_code,
        coalesce(now.project_name, before.project_name) as project_name,
        coalesce(now.unit_id, before.unit_id) as unit_id,
        coalesce(now.is_snail, false) as snail_now,
        coalesce(before.is_snail, false) as snail_before,
        now.project_code is not null as in_now,
        before.project_code is not null as in_before,
        now.started_on as started_on_now,
        now.completed_on as completed_on_now,
        case when now.is_snail_start then '开工滞后' when now.is_snail then '竣工滞后' end as type_now,
        case when before.is_snail_start then '开工滞后' when before.is_snail then '竣工滞后' end as type_before,
        case when now.is_snail_start then now.contract_start_on else now.contract_completion_on end as contract_now,
        case when before.is_snail_start then before.contract_start_on
            else before.contract_completion_on end as contract_before,
        case when now.is_snail_start then now.months_past_contract_start
            else now.months_past_contract_completion end as months_late_now,
        case when before.is_snail_start then before.months_past_contract_start
            else before.months_past_contract_completion end as months_late_before
    from now
    full join before using (project_code)
    where (select prev_month from previous_month) is not null
),

changed as (
    select
        project_code, project_name, unit_id,
        '新增' as change,
        type_now as snail_type,
        contract_now as contract_on,
        months_late_now as months_late,
        case when not in_before then '新入库即为蜗牛' else type_now || '满6个月' end as detail
    from paired
    where snail_now and not snail_before
    union all
    select
        project_code, project_name, unit_id,
        '销号' as change,
        type_before as snail_type,
        contract_before as contract_on,
        months_late_before as months_late,
        case
            when not in_now then '移出项目库'
            when type_before = '开工滞后' and started_on_now is not null then '已开工'
            when type_before = '竣工滞后' and completed_on_now is not null then '已竣工'
            else '合同日期调整'
        end as detail
    from paired
    where snail_before and not snail_now
),

final as (
    select
        changed.*,
        units.unit_name,
        units.sort_order,
        (select prev_month from previous_month) as prev_month
    from changed
    join units using (unit_id)
    where ($unit = 'city' or changed.unit_id = $unit)
)

select * from final
order by change, sort_order, project_code
