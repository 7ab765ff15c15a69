-- int__project_facts, derived at import (cockpit/derive.py), read as the view `projects`. grain: one project per snapshot month.
-- Adds: stage (furthest lifecycle step reached), size_tier, leader_tier, 蜗牛 flags and lateness.
-- Actual dates are never later than the snapshot date (import rejects them), so "has a date" = "reached".
with source as (
    select * from raw_projects
),

derived as (
    select
        *,
        cast(strftime(snapshot_date, '%Y') as integer) as snapshot_year,
        case
            when full_capacity_on is not null then '达产'
            when above_scale_on is not null then '达规'
            when production_on is not null then '投产'
            when completed_on is not null then '竣工'
            when started_on is not null then '开工'
            when land_supplied_on is not null then '供地'
            when registered_on is not null then '注册'
            else '签约'
        end as stage,
        case
            when total_investment >= 1000000 then '百亿级'
            when total_investment >= 500000 then '50–100亿元'
            when total_investment >= 100000 then '10–50亿元'
            when total_investment >= 10000 then '1–10亿元'
            else '亿元以下'
        end as size_tier,
        total_investment >= 10000 as is_above_100m,
        case
            when total_investment >= 500000 then '市领导'
            when total_investment >= 100000 then '县主要领导'
            when total_investment >= 10000 then '县领导'
            else '属地'
        end as leader_tier,
        total_investment >= 1000000 as needs_task_force,
        -- 引进世界500强、国际行业领先企业、总投资超亿美元项目 is one of the plan's 外资 aims: with [quality] foreign_only
        -- (the default) only projects with 外资 (外资金额 > 0) count, so a domestic 10亿元 project is not 超亿美元.
        (not (select foreign_only from settings) or coalesce(foreign_investment, 0) > 0)
        and (coalesce(is_fortune500, false)
            or coalesce(is_industry_leader, false)
            or coalesce(foreign_investment, 0) >= 10000
            or total_investment >= 10000 * (select usd_cny from settings)) as is_major_foreign,
        started_on is null and contract_start_on is not null
            and snapshot_date >= contract_start_on + interval 6 month as is_snail_start,
        completed_on is null and contract_completion_on is not null
            and snapshot_date >= contract_completion_on + interval 6 month as is_snail_completion
    from source
),

final as (
    select
        derived.*,
        stages.stage_order,
        is_snail_start or is_snail_completion as is_snail,
        case when started_on is null and contract_start_on is not null
            then date_diff('month', contract_start_on, snapshot_date) end as months_past_contract_start,
        case when completed_on is null and contract_completion_on is not null
            then date_diff('month', contract_completion_on, snapshot_date) end as months_past_contract_completion
    from derived
    join stages using (stage)
)

select * from final
