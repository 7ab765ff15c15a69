-- 分级预警 per snapshot month of the year of $month (up to $month) and grade: one query over the year's derived
-- warnings (int__project_warnings, the view `project_warnings`) instead of one warnings__projects per month.
-- Same thresholds check as warnings__projects: grades derived with other thresholds fail loudly.
-- grain: one row per project snapshot month of the year × grade (红, 黄, 蓝; zeros included).
-- params: $month, $unit, $node_yellow_days, $node_red_months, $node_late_recent_months, $node_blue_days,
--         $investment_yellow, $investment_red, $min_days_elapsed
with year_months as (
    select distinct snapshot_month
    from snapshot_periods
    where table_name = 'projects'
        and snapshot_month <= $month
        and left(snapshot_month, 4) = left($month, 4)
),

derived as (
    select snapshot_month, unit_id, grade,
        param_node_yellow_days = $node_yellow_days and param_node_red_months = $node_red_months
            and param_node_late_recent_months = $node_late_recent_months
            and param_node_blue_days = $node_blue_days
            and param_investment_yellow = $investment_yellow and param_investment_red = $investment_red
            and param_min_days_elapsed = $min_days_elapsed as same
    from project_warnings
    where snapshot_month <= $month
        and snapshot_month >= left($month, 4) || '-01'
        and ($unit = 'city' or unit_id = $unit)
),

checked as (
    select
        snapshot_month,
        grade,
        case when same then 1 else error('预警阈值与派生时不同：请运行 python -m cockpit derive 重新派生') end as one
    from derived
),

counted as (
    select snapshot_month, grade, count(*) as projects
    from checked
    group by all
),

grades as (
    select * from (values ('红', 1), ('黄', 2), ('蓝', 3)) as g(grade, grade_order)
),

final as (
    select
        year_months.snapshot_month as month,
        grades.grade,
        cast(grades.grade_order as bigint) as grade_order,
        coalesce(counted.projects, 0) as projects
    from year_months
    cross join grades
    left join counted on counted.snapshot_month = year_months.snapshot_month and counted.grade = grades.grade
)

select * from final
order by month, grade_order
