-- One project across the snapshot months up to $month: every field of the base view `projects` per month,
-- plus its unit's names. The newest row (snapshot_month = the latest ≤ $month) is the project view's header.
-- 履约: investment_share = 累计完成投资 ÷ 总投资; 亩均投资 (万元/亩) = 总投资 (committed) or 累计完成投资 (actual)
-- ÷ 用地面积, null when the area is missing or 0.
-- grain: one row per snapshot month in which the project is listed. params: $code, $month
with history as (
    select *
    from projects
    where project_code = $code
        and snapshot_month <= $month
),

final as (
    select
        history.*,
        units.unit_name,
        units.unit_short,
        history.total_investment / 10000 as total_investment_yi,
        history.investment_to_date / 10000 as investment_to_date_yi,
        history.investment_this_year / 10000 as investment_this_year_yi,
        history.investment_to_date / nullif(history.total_investment, 0) as investment_share,
        history.total_investment / nullif(history.land_area, 0) as investment_per_mu,
        history.investment_to_date / nullif(history.land_area, 0) as investment_done_per_mu
    from history
    join units using (unit_id)
)

select * from final
order by snapshot_month
