-- 分级预警 (graded warnings) of the snapshot month, as derived at import by int__project_warnings.sql (every rule,
-- reason and threshold is documented there) with the thresholds of config/cockpit.toml [warnings].
-- The thresholds are parameters so that the caller states which it shows (views.snail_warnings.warning_params()
-- passes the configured ones); asking for others fails loudly instead of showing grades derived with other
-- thresholds: after changing [warnings], `python -m cockpit derive` (or the app's next start) re-derives.
-- grain: one row per project with a warning in $month.
-- params: $month, $node_yellow_days, $node_red_months, $node_late_recent_months, $node_blue_days,
--         $investment_yellow, $investment_red, $min_days_elapsed
with derived as (
    select *
    from project_warnings
    where snapshot_month = $month
),

checked as (
    select *
    from derived
    where case
        when param_node_yellow_days = $node_yellow_days and param_node_red_months = $node_red_months
            and param_node_late_recent_months = $node_late_recent_months
            and param_node_blue_days = $node_blue_days
            and param_investment_yellow = $investment_yellow and param_investment_red = $investment_red
            and param_min_days_elapsed = $min_days_elapsed
            then true
        else error('预警阈值与派生时不同：请运行 python -m cockpit derive 重新派生')
    end
),

final as (
    select * exclude (param_node_yellow_days, param_node_red_months, param_node_late_recent_months,
        param_node_blue_days, param_investment_yellow, param_investment_red, param_min_days_elapsed)
    from checked
)

select * from final
order by grade_order, sort_order, project_code
