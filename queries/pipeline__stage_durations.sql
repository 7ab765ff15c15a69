-- Time between lifecycle steps over all projects of the snapshot month (any signing year) that have both dates:
-- median months = median(days from the earlier step to the later one) / 30.44 (average days per month).
-- Steps: 签约→注册, 注册→供地, 供地→开工 (拿地到开工), 开工→竣工, 竣工→投产, 投产→达规.
-- Negative spans (e.g. registered before signing) are kept: they are what the library says.
-- Rows per unit (the selected one, or all nine) plus one 全市 row (unit_id 'city') over all units.
-- grain: one row per unit (or 全市) and step. params: $month, $unit
with month_projects as (
    select *
    from projects
    where snapshot_month = $month
),

spans as (
    select unit_id, step, step_order, date_diff('day', from_on, to_on) as days
    from month_projects,
        lateral (values
            ('签约→注册', 1, signed_on, registered_on),
            ('注册→供地', 2, registered_on, land_supplied_on),
            ('供地→开工', 3, land_supplied_on, started_on),
            ('开工→竣工', 4, started_on, completed_on),
            ('竣工→投产', 5, completed_on, production_on),
            ('投产→达规', 6, production_on, above_scale_on)
        ) as steps(step, step_order, from_on, to_on)
    where from_on is not null and to_on is not null
),

steps as (
    select * from (values
        ('签约→注册', 1), ('注册→供地', 2), ('供地→开工', 3), ('开工→竣工', 4), ('竣工→投产', 5), ('投产→达规', 6)
    ) as t(step, step_order)
),

by_unit as (
    select unit_id, step, count(*) as n, median(days) / 30.44 as median_months
    from spans
    where $unit = 'city' or unit_id = $unit
    group by unit_id, step
),

city as (
    select 'city' as unit_id, step, count(*) as n, median(days) / 30.44 as median_months
    from spans
    group by step
),

grid as (
    select all_units.*, steps.step, steps.step_order
    from all_units
    cross join steps
    where $unit = 'city' or all_units.unit_id in ($unit, 'city')
),

final as (
    select grid.*, coalesce(counted.n, 0) as n, counted.median_months
    from grid
    left join (select * from by_unit union all select * from city) as counted using (unit_id, step)
)

select * from final
order by sort_order, step_order
