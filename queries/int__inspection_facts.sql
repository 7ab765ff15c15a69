-- int__inspection_facts, derived at import (cockpit/derive.py), read as the view `inspection_facts`.
-- grain: one row per project × 核查类型 whose date (实际开工日期 / 实际竣工日期 / 投产日期) falls in the snapshot month:
-- the 核查清单 (应核查), with that month's 核查结果 when one was imported (verdict null: 未核查).
with events as (
    select
        projects.*,
        kinds.check_type,
        kinds.type_order,
        case kinds.check_type
            when '开工' then projects.started_on
            when '竣工' then projects.completed_on
            else projects.production_on
        end as event_on
    from projects
    cross join (values ('开工', 1), ('竣工', 2), ('投产', 3)) as kinds (check_type, type_order)
),

final as (
    select
        events.snapshot_month,
        events.snapshot_date,
        events.unit_id,
        events.project_code,
        events.project_name,
        events.category,
        events.total_investment,
        events.is_above_100m,
        events.leader_tier,
        events.lon,
        events.lat,
        events.check_type,
        events.type_order,
        events.event_on,
        verdicts.inspected_on,
        verdicts.verdict,
        verdicts.inspector,
        verdicts.note,
        coalesce(verdicts.verdict, '未核查') as verdict_state
    from events
    left join raw_inspections as verdicts using (project_code, check_type)
    where strftime(events.event_on, '%Y-%m') = events.snapshot_month
)

select * from final
