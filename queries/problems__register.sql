-- 问题清单 of the snapshot month: every problem of the register at month end (open and closed), with its state
-- (derived at import by int__problem_facts.sql) and the three lists of the 通报:
--   新增    提出日期 in the snapshot month (whatever its state now)
--   推进中  raised before the snapshot month and still open at month end
--   已办结  办结日期 in the snapshot month (a problem raised and closed this month is in 新增 and 已办结)
-- Order: the worst first (严重超期, 超期, 临期, 办理中, 已办结), longest overdue, then unit and 问题编号.
-- grain: one row per problem. params: $month, $unit
with register as (
    select *
    from problems
    where snapshot_month = $month
        and ($unit = 'city' or unit_id = $unit)
),

final as (
    select
        register.*,
        units.unit_name,
        units.unit_short,
        units.sort_order,
        not register.is_closed as is_open,
        not register.is_closed and not register.is_new as is_ongoing
    from register
    left join units on units.unit_id = register.unit_id
)

select * from final
order by state_order, days_overdue desc nulls last, days_to_due, sort_order, problem_id
