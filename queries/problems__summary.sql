-- 问题清单 figures of the snapshot month per 县级主体, per 问题类型 and per 责任单位 (grouping), from the register
-- (problems__register.sql): 在册 (all problems of the register), 新增 and 办结 within the month, 未办结 (open),
-- 超期 (超期 and 严重超期), 严重超期, 临期, 已办结 (closed by month end), 办结率 = 已办结 ÷ 在册, and the median
-- days from 提出日期 to 办结日期 of the closed problems. Every unit and every type has a row (zeros included);
-- departments appear when they hold a problem.
-- grain: one row per grouping and group. params: $month, $unit
with register as (
-- @include problems__register
),

groups as (
    select 'unit' as grouping, unit_id as group_key, unit_name as group_name, sort_order as group_order
    from units
    where $unit = 'city' or unit_id = $unit
    union all
    select 'type', problem_type, problem_type, type_order
    from problem_types
    union all
    select distinct 'department', department, department, 0
    from register
),

keyed as (
    select 'unit' as grouping, unit_id as group_key, * from register
    union all by name
    select 'type' as grouping, problem_type as group_key, * from register
    union all by name
    select 'department' as grouping, department as group_key, * from register
),

counted as (
    select
        grouping,
        group_key,
        count(*) as problems,
        count(*) filter (where is_new) as new_problems,
        count(*) filter (where is_closed_this_month) as closed_this_month,
        count(*) filter (where not is_closed) as open_problems,
        count(*) filter (where is_overdue) as overdue,
        count(*) filter (where is_escalated) as escalated,
        count(*) filter (where state = '临期') as due_soon,
        count(*) filter (where is_closed) as closed,
        median(days_to_close) filter (where is_closed) as median_close_days,
        max(days_overdue) as max_overdue_days
    from keyed
    group by grouping, group_key
),

final as (
    select
        groups.grouping,
        groups.group_key,
        groups.group_name,
        groups.group_order,
        coalesce(counted.problems, 0) as problems,
        coalesce(counted.new_problems, 0) as new_problems,
        coalesce(counted.closed_this_month, 0) as closed_this_month,
        coalesce(counted.open_problems, 0) as open_problems,
        coalesce(counted.overdue, 0) as overdue,
        coalesce(counted.escalated, 0) as escalated,
        coalesce(counted.due_soon, 0) as due_soon,
        coalesce(counted.closed, 0) as closed,
        case when counted.problems > 0 then counted.closed / counted.problems end as close_rate,
        counted.median_close_days,
        counted.max_overdue_days
    from groups
    left join counted using (grouping, group_key)
)

select * from final
order by grouping, case when grouping = 'department' then -overdue end, group_order, group_name
