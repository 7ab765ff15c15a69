-- int__project_changes, derived at import (cockpit/derive.py), read as the view `project_changes`.
-- grain: one row per project whose 蜗牛 status or stage changed between the previous project snapshot (the newest
-- earlier month with one: previous_projects, previous_snapshot) and this month (projects); read by snail__changes
-- and pipeline__stage_moves instead of joining two whole months on every page view.
-- 蜗牛 (snail_*; no rows without an earlier snapshot):
--   新增: 蜗牛 now, not 蜗牛 last time (or not in the library last time: 新入库即为蜗牛).
--   销号: 蜗牛 last time, not now — 已开工 (was 开工滞后, has started), 已竣工 (was 竣工滞后, has completed),
--   移出项目库 (no longer listed), otherwise 合同日期调整. 类型/合同日期/滞后月数 from the snapshot in which it is 蜗牛.
-- stage (move; no rows when the earlier snapshot has no project): 推进 (later stage now), 回退 (earlier stage now),
--   新增 (not listed before, signed after the earlier snapshot date), 新入库 (not listed before, signed earlier),
--   移出 (listed before, not now).
-- 县级主体 (unit_changed: listed in both with another unit now); unit_*, name_*, investment_*_yi, production_before
--   and signed_on_before give both months' rows of every project listed (统筹's 横向转移 reads them).
-- unit_id is this month's, else the earlier one's.
with paired as (
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
            else before.months_past_contract_completion end as months_late_before,
        before.stage as stage_before,
        before.stage_order as stage_order_before,
        now.stage as stage_now,
        now.stage_order as stage_order_now,
        coalesce(now.total_investment, before.total_investment) / 10000 as total_investment_yi,
        now.signed_on as signed_on_now,
        -- for 统筹's 横向转移 (coordination__moves): both months' rows of a project that changed 县级主体 or left
        before.project_name as name_before,
        now.project_name as name_after,
        before.unit_id as unit_before,
        now.unit_id as unit_after,
        before.total_investment / 10000 as investment_before_yi,
        now.total_investment / 10000 as investment_after_yi,
        before.production_on as production_before,
        before.signed_on as signed_on_before
    from projects as now
    full join previous_projects as before using (project_code)
),

changes as (
    select
        paired.*,
        case
            when snail_now and not snail_before then '新增'
            when snail_before and not snail_now then '销号'
        end as snail_change,
        case
            when not in_before and signed_on_now > previous_snapshot.snapshot_date then '新增'
            when not in_before then '新入库'
            when not in_now then '移出'
            when stage_order_now > stage_order_before then '推进'
            when stage_order_now < stage_order_before then '回退'
        end as move,
        previous_snapshot.snapshot_month as prev_month
    from paired
    cross join previous_snapshot  -- no earlier snapshot: no row, nothing to compare with
),

final as (
    select
        project_code,
        project_name,
        unit_id,
        snail_change,
        case snail_change when '新增' then type_now when '销号' then type_before end as snail_type,
        case snail_change when '新增' then contract_now when '销号' then contract_before end as contract_on,
        case snail_change when '新增' then months_late_now when '销号' then months_late_before end as months_late,
        case
            when snail_change = '新增' and not in_before then '新入库即为蜗牛'
            when snail_change = '新增' then type_now || '满6个月'
            when snail_change = '销号' and not in_now then '移出项目库'
            when snail_change = '销号' and type_before = '开工滞后' and started_on_now is not null then '已开工'
            when snail_change = '销号' and type_before = '竣工滞后' and completed_on_now is not null then '已竣工'
            when snail_change = '销号' then '合同日期调整'
        end as snail_detail,
        -- stage moves only against an earlier snapshot that lists projects (as pipeline__stage_moves did)
        case when exists (select 1 from previous_projects) then move end as move,
        stage_before,
        stage_order_before,
        stage_now,
        stage_order_now,
        total_investment_yi,
        prev_month,
        in_now and in_before and unit_after <> unit_before as unit_changed,
        name_before,
        name_after,
        unit_before,
        unit_after,
        investment_before_yi,
        investment_after_yi,
        production_before,
        signed_on_before
    from changes
)

select * from final
where snail_change is not null or move is not null or unit_changed
