-- 一把手招商 of $month per unit (the nine, then 全市 as 'city'), the month and the year to date (January to $month):
--   main_trips 党政主要领导外出招商次数, trips 领导外出招商次数 (all roles), enterprises 对接企业数,
--   signed 签约个数 (rows with 成果 签约), signed_investment 签约项目总投资 (万元, each 签约项目代码 once).
-- A trip is one 县级主体 + 出访日期 + 带队领导 (its rows are the enterprises met); led by a 党政主要领导 if any row says so.
-- no_main_trip: the month's 招商活动 is imported and the unit has no trip by a 党政主要领导 (本月无主要领导外出招商).
-- grain: one row per unit + one 全市 row. params: $month.
with facts as (
    select *, snapshot_month = $month as this_month
    from promotion_facts
    where snapshot_month between left($month, 4) || '-01' and $month
),

trips as (
    select unit_id, this_month, visited_on, leader, bool_or(is_main_leader) as by_main_leader
    from facts
    group by unit_id, this_month, visited_on, leader
),

trip_counts as (
    select
        coalesce(unit_id, 'city') as unit_id,
        count(*) filter (where this_month and by_main_leader) as month_main_trips,
        count(*) filter (where this_month) as month_trips,
        count(*) filter (where by_main_leader) as ytd_main_trips,
        count(*) as ytd_trips
    from trips
    group by grouping sets ((unit_id), ())
),

signed_projects as (
    select distinct unit_id, this_month, signed_project_code, signed_investment
    from facts
    where outcome = '签约' and signed_project_code is not null
),

row_counts as (
    select
        coalesce(unit_id, 'city') as unit_id,
        count(*) filter (where this_month) as month_enterprises,
        count(*) filter (where this_month and outcome = '签约') as month_signed,
        count(*) as ytd_enterprises,
        count(*) filter (where outcome = '签约') as ytd_signed
    from facts
    group by grouping sets ((unit_id), ())
),

investment as (
    select
        coalesce(unit_id, 'city') as unit_id,
        coalesce(sum(signed_investment) filter (where this_month), 0) as month_signed_investment,
        coalesce(sum(signed_investment), 0) as ytd_signed_investment
    from signed_projects
    group by grouping sets ((unit_id), ())
),

final as (
    select
        all_units.*,
        $month as snapshot_month,
        exists (select 1 from snapshot_periods
                where table_name = 'promotions' and snapshot_month = $month) as imported,
        coalesce(trip_counts.month_main_trips, 0) as month_main_trips,
        coalesce(trip_counts.month_trips, 0) as month_trips,
        coalesce(row_counts.month_enterprises, 0) as month_enterprises,
        coalesce(row_counts.month_signed, 0) as month_signed,
        coalesce(investment.month_signed_investment, 0) as month_signed_investment,
        coalesce(trip_counts.ytd_main_trips, 0) as ytd_main_trips,
        coalesce(trip_counts.ytd_trips, 0) as ytd_trips,
        coalesce(row_counts.ytd_enterprises, 0) as ytd_enterprises,
        coalesce(row_counts.ytd_signed, 0) as ytd_signed,
        coalesce(investment.ytd_signed_investment, 0) as ytd_signed_investment
    from all_units
    left join trip_counts using (unit_id)
    left join row_counts using (unit_id)
    left join investment using (unit_id)
)

select
    *,
    imported and unit_id <> 'city' and month_main_trips = 0 as no_main_trip
from final
order by unit_id = 'city', sort_order
