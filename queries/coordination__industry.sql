-- 统筹 产业雷同: this year's signed investment per unit and 所属产业 (签约日期 in the year of $month, ≤ the month's
-- last day; 总投资 in 万元; projects without 所属产业 as '未填'), from the base view `projects` of $month.
-- grain: one row per unit × industry with signings. params: $month
select
    projects.unit_id,
    units.unit_short,
    units.sort_order,
    coalesce(nullif(trim(projects.industry), ''), '未填') as industry,
    count(*) as projects,
    sum(projects.total_investment) as investment
from projects
join units using (unit_id)
where projects.snapshot_month = $month
    and year(projects.signed_on) = year(projects.snapshot_date)
    and projects.signed_on <= projects.snapshot_date
group by all
order by units.sort_order, industry
