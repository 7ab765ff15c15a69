-- 统筹: projects moving between units (横向转移) in the year of $month up to $month, month by month.
-- For every project snapshot month m of that year (≤ $month) against the project snapshot before it (p, possibly
-- last December), from the changes derived at import (project_changes, int__project_changes.sql: one file a month,
-- no join of two whole months here):
--   change_unit  the 项目代码 is in both, with another 县级主体 in m than in p
--   disappeared  the 项目代码 is in p and not in m, and had not reached 投产 in p (no 投产日期)
-- Both months' rows are given (*_before from p, *_after from m; null after a disappearance).
-- grain: one row per project and month of change. params: $month
with moved as (
    select *
    from project_changes
    where snapshot_month <= $month
        and snapshot_month >= left($month, 4) || '-01'
        and (unit_changed or (move = '移出' and production_before is null))
),

final as (
    select
        moved.snapshot_month,
        moved.prev_month,
        case when moved.unit_after is null then 'disappeared' else 'change_unit' end as move_kind,
        case when moved.unit_after is null then '移出项目库（未投产）' else '县级主体变更' end as move_label,
        moved.project_code,
        moved.name_before,
        moved.name_after,
        moved.unit_before,
        before_units.unit_name as unit_name_before,
        moved.unit_after,
        after_units.unit_name as unit_name_after,
        moved.investment_before_yi,
        moved.investment_after_yi,
        moved.stage_before,
        moved.stage_now as stage_after,
        moved.signed_on_before as signed_on
    from moved
    join units as before_units on before_units.unit_id = moved.unit_before
    left join units as after_units on after_units.unit_id = moved.unit_after
)

select * from final
order by snapshot_month, move_kind, project_code
