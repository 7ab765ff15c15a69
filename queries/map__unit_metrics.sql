-- Figures of each of the nine units for the county map, snapshot month $month.
--   industrial_investment   工业投资 本年累计 (亿元): indicators, indicator '工业投资', value_ytd (万元) / 10000
--   investment_target       the unit's 工业投资 target (亿元) for the year of $month: targets, target '工业投资'
--   investment_rate         完成率 = value_ytd / target_value (null without a positive target or an indicator)
--   idle_area, idle_parcels “五未” land: sum of land.idle_area (亩) and count where five_idle is not null
--   snail_projects          projects with is_snail; projects = 在库项目数; total_investment = sum 总投资 (亿元)
-- grain: one row per unit (all nine; counts 0 when none). params: $month
with investment as (
    select unit_id, value_ytd
    from indicators
    where snapshot_month = $month and indicator = '工业投资'
),

investment_target as (
    select unit_id, target_value
    from targets
    where target = '工业投资' and year = cast(left($month, 4) as integer)
),

idle as (
    select unit_id, count(*) as idle_parcels, sum(idle_area) as idle_area
    from land
    where snapshot_month = $month and five_idle is not null
    group by unit_id
),

project_counts as (
    select
        unit_id,
        count(*) as projects,
        count(*) filter (where is_snail) as snail_projects,
        sum(total_investment) as total_investment
    from projects
    where snapshot_month = $month
    group by unit_id
),

final as (
    select
        units.unit_id,
        units.unit_name,
        units.unit_short,
        units.sort_order,
        units.is_zone,
        investment.value_ytd / 10000 as industrial_investment,
        investment_target.target_value / 10000 as investment_target,
        case when investment_target.target_value > 0
            then investment.value_ytd / investment_target.target_value end as investment_rate,
        coalesce(idle.idle_area, 0) as idle_area,
        coalesce(idle.idle_parcels, 0) as idle_parcels,
        coalesce(project_counts.snail_projects, 0) as snail_projects,
        coalesce(project_counts.projects, 0) as projects,
        coalesce(project_counts.total_investment, 0) / 10000 as total_investment
    from units
    left join investment using (unit_id)
    left join investment_target using (unit_id)
    left join idle using (unit_id)
    left join project_counts using (unit_id)
)

select * from final
order by sort_order
