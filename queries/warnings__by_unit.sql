-- 分级预警 counted per unit and grade for the month: the 蜗牛与预警 page's numbers and chart without fetching the
-- list (issue 19 §6). Rows and the thresholds check exactly as warnings__projects (included, not copied).
-- grain: one row per unit × grade with at least one warned project.
-- params: $month, $unit, $node_yellow_days, $node_red_months, $node_late_recent_months, $node_blue_days,
--         $investment_yellow, $investment_red, $min_days_elapsed
with warned as (
-- @include warnings__projects
),

final as (
    select
        unit_id,
        sort_order,
        grade,
        grade_order,
        count(*) as projects
    from warned
    where $unit = 'city' or unit_id = $unit
    group by all
)

select * from final
order by sort_order, grade_order
