-- int__inspection_standing, derived at import (cockpit/derive.py), read as the view `inspection_standing`.
-- A 不属实 verdict stands until a later month's verdict for the same project and 核查类型 says 属实 (待核 does not lift
-- it): of the 属实 / 不属实 verdicts of every month up to the snapshot month, the latest decides.
-- grain: one row per project × 核查类型 whose refutation stands at the snapshot month and that is in its 项目库.
-- excluded: whether the figures leave it out ([inspection] exclude_refuted, default true); the dates tell which
-- figures it would count toward (开工/竣工/投产 in the year, 新投产达规, 新竣工达产).
with decisive as (
    select project_code, check_type, snapshot_month as verdict_month, verdict
    from raw_inspections
    where verdict in ('属实', '不属实')
        and snapshot_month <= (select max(snapshot_month) from projects)
),

latest as (
    select
        project_code,
        check_type,
        arg_max(verdict, verdict_month) as verdict,
        max(verdict_month) as verdict_month
    from decisive
    group by project_code, check_type
),

final as (
    select
        projects.snapshot_month,
        projects.snapshot_date,
        projects.unit_id,
        projects.project_code,
        projects.project_name,
        projects.total_investment,
        projects.is_above_100m,
        latest.check_type,
        latest.verdict_month as refuted_month,
        case latest.check_type
            when '开工' then projects.started_on
            when '竣工' then projects.completed_on
            else projects.production_on
        end as event_on,
        projects.above_scale_on,
        projects.full_capacity_on,
        (select exclude_refuted from settings) as excluded
    from latest
    join projects using (project_code)
    where latest.verdict = '不属实'
)

select * from final
