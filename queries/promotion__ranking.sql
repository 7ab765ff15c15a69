-- 一把手招商 as a ranking indicator (issue 18 §3), used only when [ranking.weights] leader_promotion > 0 (read by
-- ranking__scores.sql and cockpit/views/ranking.py): per snapshot month of the 项目库 × unit, this year's trips by a
-- 党政主要领导 up to the month (a trip = 县级主体 + 出访日期 + 带队领导), against $main_trips_per_month a month:
--   pace_ratio (序时完成度) = trips ÷ (month number × $main_trips_per_month); 1 = on pace.
-- A month without an imported 招商活动 has no value (missing_reason says so) and is left out of the score.
-- grain: one row per snapshot month × unit (the nine).
with months as (
    select distinct snapshot_month, cast(right(snapshot_month, 2) as integer) as month_number
    from snapshot_periods
    where table_name = 'projects'
),

reported as (
    select distinct snapshot_month from snapshot_periods where table_name = 'promotions'
),

trips as (
    select distinct unit_id, snapshot_month, visited_on, leader
    from promotion_facts
    where is_main_leader
),

counted as (
    select
        months.snapshot_month,
        months.month_number,
        units.unit_id,
        count(trips.leader) as main_trips
    from months
    cross join units
    left join trips
        on trips.unit_id = units.unit_id
        and trips.snapshot_month between left(months.snapshot_month, 4) || '-01' and months.snapshot_month
    group by all
),

final as (
    select
        counted.snapshot_month,
        counted.unit_id,
        'leader_promotion' as metric_key,
        '党政主要领导外出招商' as label,
        1000 as metric_order,
        case when reported.snapshot_month is not null then cast(counted.main_trips as double) end as value,
        cast(counted.month_number * $main_trips_per_month as double) as target,
        case when reported.snapshot_month is not null
            then counted.main_trips / (counted.month_number * cast($main_trips_per_month as double)) end
            as pace_ratio,
        case when reported.snapshot_month is null then '未导入招商活动' end as missing_reason
    from counted
    left join reported using (snapshot_month)
)

select * from final
