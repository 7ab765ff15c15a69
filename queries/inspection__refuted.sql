-- 经核查不属实 projects whose verdict stands at $month (a later 属实 lifts it), with which figures of the year they
-- are left out of (or, with [inspection] exclude_refuted = false, still counted in: `excluded`).
--   counts_main: 开工/竣工/投产 (总投资 ≥ 1亿元, date in the year up to the month end)
--   counts_above_scale: 新投产达规 (a refuted 投产 that reached 达规 this year); counts_full_capacity: 新竣工达产
-- $unit: a unit id, or 'city' for all. grain: one row per project × 核查类型.
with standing as (
    select * from inspection_standing
    where snapshot_month = $month
        and ($unit = 'city' or unit_id = $unit)
),

final as (
    select
        standing.*,
        units.unit_name,
        units.unit_short,
        units.sort_order,
        year(event_on) = year(snapshot_date) and event_on <= snapshot_date as in_year,
        is_above_100m and year(event_on) = year(snapshot_date) and event_on <= snapshot_date as counts_main,
        check_type = '投产' and year(event_on) = year(snapshot_date)
            and year(above_scale_on) = year(snapshot_date) and above_scale_on <= snapshot_date
            and (is_above_100m or not (select milestones_above_100m_only from settings)) as counts_above_scale,
        check_type = '竣工' and year(event_on) = year(snapshot_date)
            and year(full_capacity_on) = year(snapshot_date) and full_capacity_on <= snapshot_date
            and (is_above_100m or not (select milestones_above_100m_only from settings)) as counts_full_capacity
    from standing
    join units using (unit_id)
)

select * from final
order by sort_order, check_type, refuted_month, project_code
