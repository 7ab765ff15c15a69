-- int__problem_facts, derived at import (cockpit/derive.py), read as the view `problems`.
-- grain: one 项目问题 per snapshot month (the register at month end, open and closed).
-- States at the snapshot date D (the month's last day), thresholds from config/cockpit.toml [problems]
-- (the `settings` table: problem_due_soon_days, problem_escalate_days):
--   已办结    办结日期 filled (the import keeps it ≤ D)
--   严重超期  open, D − 办理时限 > escalate_days days
--   超期      open, D after 办理时限 (1 … escalate_days days)
--   临期      open, 办理时限 − D between 0 and due_soon_days days (due today is 临期)
--   办理中    open, otherwise
-- Also: the project's unit and size (from the month's 项目库), days overdue, days to close, and whether the problem
-- was raised (新增) or closed (办结) within the snapshot month.
with source as (
    select * from raw_problems
),

settings_row as (
    select problem_due_soon_days as due_soon_days, problem_escalate_days as escalate_days from settings
),

dated as (
    select
        source.*,
        source.closed_on is not null as is_closed,
        date_diff('day', source.snapshot_date, source.due_on) as days_to_due,
        case when source.closed_on is null and source.snapshot_date > source.due_on
            then date_diff('day', source.due_on, source.snapshot_date) end as days_overdue,
        date_diff('day', source.raised_on, source.closed_on) as days_to_close,
        source.raised_on >= date_trunc('month', source.snapshot_date) as is_new,
        source.closed_on >= date_trunc('month', source.snapshot_date) as is_closed_this_month
    from source
),

stated as (
    select
        dated.*,
        case
            when is_closed then '已办结'
            when days_overdue > settings_row.escalate_days then '严重超期'
            when days_overdue >= 1 then '超期'
            when days_to_due between 0 and settings_row.due_soon_days then '临期'
            else '办理中'
        end as state
    from dated
    cross join settings_row
),

final as (
    select
        stated.snapshot_month,
        stated.snapshot_date,
        stated.problem_id,
        stated.project_code,
        projects.project_name,
        projects.unit_id,
        projects.total_investment,
        projects.total_investment / 10000 as total_investment_yi,
        stated.problem_type,
        stated.description,
        stated.raised_on,
        stated.department,
        stated.due_on,
        stated.closed_on,
        coalesce(stated.to_meeting, false) as to_meeting,
        stated.state,
        case stated.state when '严重超期' then 1 when '超期' then 2 when '临期' then 3 when '办理中' then 4
            else 5 end as state_order,
        stated.state in ('超期', '严重超期') as is_overdue,
        stated.state = '严重超期' as is_escalated,
        stated.is_closed,
        stated.days_to_due,
        stated.days_overdue,
        stated.days_to_close,
        coalesce(stated.is_new, false) as is_new,
        coalesce(stated.is_closed_this_month, false) as is_closed_this_month
    from stated
    left join projects
        on projects.project_code = stated.project_code and projects.snapshot_month = stated.snapshot_month
)

select * from final
