-- 临期预警 (issue 19 §1): projects that are not 蜗牛 at the snapshot month's last day D but become 蜗牛 in one of
-- the next $horizon_months month-end snapshots unless they start (resp. complete) first.
-- The day a project turns (turns_on) is the earliest of
--   合同开工日期 + 6 calendar months   when it has no 实际开工日期 (it would become 开工滞后)
--   合同竣工日期 + 6 calendar months   when it has no 实际竣工日期 (竣工滞后)
-- that falls after D (clamped to the month's last day like int__project_facts: 08-31 + 6 months = 02-28/29).
-- months_ahead = 1 when turns_on is in the month after D (“下月将新增蜗牛”), 2 the month after, …
-- The base view `projects` (int__project_facts) gives is_snail and the dates; the window is D < turns_on ≤ the
-- last day of the month $horizon_months after D.
-- grain: one row per project turning within the horizon. params: $month, $unit, $horizon_months
with month_projects as (
    select *
    from projects
    where snapshot_month = $month
        and ($unit = 'city' or unit_id = $unit)
        and not is_snail
),

turning as (
    select
        *,
        case when started_on is null and contract_start_on is not null
            then cast(contract_start_on + interval 6 month as date) end as start_turns_on,
        case when completed_on is null and contract_completion_on is not null
            then cast(contract_completion_on + interval 6 month as date) end as completion_turns_on
    from month_projects
),

dated as (
    select
        *,
        least(start_turns_on, completion_turns_on) as turns_on
    from turning
),

final as (
    select
        dated.snapshot_month,
        dated.project_code,
        dated.project_name,
        dated.unit_id,
        units.unit_name,
        units.unit_short,
        units.sort_order,
        case when dated.turns_on = dated.start_turns_on then '开工滞后' else '竣工滞后' end as snail_type,
        case when dated.turns_on = dated.start_turns_on then dated.contract_start_on
            else dated.contract_completion_on end as contract_on,
        dated.turns_on,
        date_diff('month', date_trunc('month', dated.snapshot_date), date_trunc('month', dated.turns_on)) as months_ahead,
        date_diff('day', dated.snapshot_date, dated.turns_on) as days_left,
        dated.total_investment / 10000 as total_investment_yi,
        dated.is_above_100m,
        dated.leader_tier,
        dated.stage
    from dated
    join units using (unit_id)
    where dated.turns_on > dated.snapshot_date
        and dated.turns_on <= last_day(dated.snapshot_date + to_months($horizon_months))
)

select * from final
order by months_ahead, sort_order, turns_on, project_code
