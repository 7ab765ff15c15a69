-- 全生命周期 funnel: of the projects signed in the snapshot year up to the snapshot date D (签约日期 in that year
-- and ≤ D), how many have reached each stage, i.e. have that stage's date ≤ D (a project that reached 开工 is
-- counted at 开工 whether or not it has a 供地日期; each stage is counted on its own date).
-- Every unit × stage pair is present (zeros included), units in official order.
-- grain: one row per unit and stage. params: $month, $unit
with month_projects as (
    select *
    from projects
    where snapshot_month = $month
        and ($unit = 'city' or unit_id = $unit)
        and year(signed_on) = snapshot_year
        and signed_on <= snapshot_date
),

reached as (
    select month_projects.unit_id, steps.step as stage, count(*) as projects
    from month_projects,
        lateral (values
            ('签约', signed_on), ('注册', registered_on), ('供地', land_supplied_on), ('开工', started_on),
            ('竣工', completed_on), ('投产', production_on), ('达规', above_scale_on), ('达产', full_capacity_on)
        ) as steps(step, reached_on)
    where steps.reached_on <= month_projects.snapshot_date
    group by month_projects.unit_id, steps.step
),

grid as (
    select units.unit_id, units.unit_name, units.unit_short, units.sort_order, stages.stage, stages.stage_order
    from units
    cross join stages
    where $unit = 'city' or units.unit_id = $unit
),

final as (
    select grid.*, coalesce(reached.projects, 0) as projects
    from grid
    left join reached using (unit_id, stage)
)

select * from final
order by sort_order, stage_order
