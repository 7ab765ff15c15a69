-- 项目查询 list: the projects of the snapshot month matching the search text, with their derived tiers.
-- $search matches 项目名称 or 项目代码, case-insensitively, as a plain substring (no wildcards: it is a
-- parameter to contains(), so quotes and % are just characters). An empty $search matches every project.
-- grain: one row per project in $month. params: $month, $unit, $search
with month_projects as (
    select *
    from projects
    where snapshot_month = $month
        and ($unit = 'city' or unit_id = $unit)
),

final as (
    select
        month_projects.project_code,
        month_projects.project_name,
        month_projects.unit_id,
        units.unit_name,
        units.unit_short,
        units.sort_order,
        month_projects.category,
        month_projects.industry,
        month_projects.stage,
        month_projects.stage_order,
        month_projects.size_tier,
        month_projects.leader_tier,
        month_projects.needs_task_force,
        month_projects.is_snail,
        month_projects.total_investment,
        month_projects.total_investment / 10000 as total_investment_yi,
        month_projects.investment_to_date / 10000 as investment_to_date_yi,
        month_projects.investment_this_year / 10000 as investment_this_year_yi,
        month_projects.land_area,
        month_projects.signed_on,
        month_projects.registered_on,
        month_projects.land_supplied_on,
        month_projects.started_on,
        month_projects.completed_on,
        month_projects.production_on
    from month_projects
    join units using (unit_id)
    where $search = ''
        or contains(lower(month_projects.project_name), lower($search))
        or contains(lower(month_projects.project_code), lower($search))
)

select * from final
order by sort_order, total_investment desc, project_code
