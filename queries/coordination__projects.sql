-- 统筹: the month's 项目库 rows the duplicate check compares (cockpit/views/coordination.py normalises the names).
-- grain: one row per project of $month. params: $month
select
    projects.project_code,
    projects.project_name,
    projects.unit_id,
    units.unit_name,
    units.unit_short,
    units.sort_order,
    projects.signed_on,
    projects.total_investment,
    projects.industry,
    projects.stage
from projects
join units using (unit_id)
where projects.snapshot_month = $month
order by units.sort_order, projects.project_code
