-- 蜗牛项目 of the snapshot month, for the 通报 list and the by-unit chart.
-- 蜗牛 and lateness come from the base view `projects` (is_snail_start / is_snail_completion,
-- months_past_contract_start / _completion: full calendar months from the contract date to the month end).
-- 类型: 开工滞后 when not started ≥ 6 months after 合同开工日期; otherwise 竣工滞后 (not completed ≥ 6 months
-- after 合同竣工日期). A project late on both counts once, as 开工滞后.
-- 滞后档 (how late), defined here and only here, on 滞后月数 (always ≥ 6 for a 蜗牛):
--   [6, 12) 6–12个月 · [12, 24) 12–24个月 · [24, ∞) 24个月及以上
-- grain: one row per 蜗牛 project. params: $month, $unit
with snails as (
    select
        *,
        case when is_snail_start then '开工滞后' else '竣工滞后' end as snail_type,
        case when is_snail_start then contract_start_on else contract_completion_on end as contract_on,
        case when is_snail_start then months_past_contract_start
            else months_past_contract_completion end as months_late
    from projects
    where snapshot_month = $month and is_snail
        and ($unit = 'city' or unit_id = $unit)
),

final as (
    select
        snails.project_code,
        snails.project_name,
        snails.unit_id,
        units.unit_name,
        units.unit_short,
        units.sort_order,
        snails.category,
        snails.snail_type,
        snails.is_snail_start,
        snails.is_snail_completion,
        snails.contract_on,
        snails.months_late,
        case
            when snails.months_late < 12 then '6–12个月'
            when snails.months_late < 24 then '12–24个月'
            else '24个月及以上'
        end as lateness_band,
        case
            when snails.months_late < 12 then 1
            when snails.months_late < 24 then 2
            else 3
        end as lateness_order,
        snails.total_investment / 10000 as total_investment_yi,
        snails.leader_tier,
        snails.stage,
        snails.started_on,
        snails.contract_start_on,
        snails.contract_completion_on
    from snails
    join units using (unit_id)
)

select * from final
order by sort_order, months_late desc, project_code
