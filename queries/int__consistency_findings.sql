-- int__consistency_findings, derived at import (cockpit/derive.py), read as the view `consistency_findings` by
-- consistency__counts and consistency__list (数据管理 → 一张网一致性, the import's printed summary).
-- 一张网 consistency report (issue 19 §5): where the 项目库, 土地, 推进节点 and 月度指标 of one snapshot month
-- disagree. Nothing is refused at import for this (the sources are what they are); every disagreement is listed.
-- Checks (check_key, in this order):
--   supplied_without_parcel  项目库 has a 供地日期 but no parcel in 土地 names its 项目代码
--   parcel_unknown_project   a parcel names a 项目代码 that is not in the 项目库
--   supplied_on_differs      项目库 供地日期 ≠ the earliest 供地日期 of the project's parcels (both given)
--   started_on_differs       项目库 实际开工日期 ≠ the earliest 实际开工日期 of its parcels (both given), or one
--                            side has a start and the other none
--   node_unknown_project     推进节点 of a 项目代码 not in the 项目库 (one row per project; unit unknown)
--   city_sum_differs         月度指标 全市 row ≠ the sum of the units' rows. Every 全市 row that differs at all is
--                            kept, with city_gap = |全市 − 合计| and city_base = |全市|: the read queries keep those
--                            with city_gap > [lookahead] city_sum_tolerance × city_base, so a change of the setting
--                            needs no re-derivation (both columns null for the other checks).
-- Inputs: the month's raw_projects, raw_land, raw_nodes, raw_indicators (an input the month lacks is empty).
-- Unit names and sort order are joined at read time (units). Joins and groups are per snapshot_month as well, so the
-- select is right over several months too (store.connect's shape of an empty store reads every month's sources).
-- grain: one row per finding (check 6: per 全市 indicator that differs) of one snapshot month.
with month_projects as (
    select snapshot_month, snapshot_date, project_code, project_name, unit_id, land_supplied_on, started_on
    from raw_projects
),

month_land as (
    select snapshot_month, snapshot_date, parcel_id, parcel_name, unit_id, project_code, supplied_on, started_on
    from raw_land
),

parcels_per_project as (
    select
        snapshot_month,
        project_code,
        count(*) as parcels,
        min(supplied_on) as parcel_supplied_on,
        min(started_on) as parcel_started_on,
        string_agg(parcel_id, '、' order by parcel_id) as parcel_ids
    from month_land
    where project_code is not null
    group by snapshot_month, project_code
),

joined as (
    select month_projects.*, parcels_per_project.* exclude (snapshot_month, project_code)
    from month_projects
    join parcels_per_project using (snapshot_month, project_code)
),

unit_sums as (
    select snapshot_month, indicator, sum(value_ytd) as units_sum, count(*) as units
    from raw_indicators
    where unit_id <> 'city'
    group by snapshot_month, indicator
),

findings as (
    select
        month_projects.snapshot_month, month_projects.snapshot_date,
        1 as check_order, 'supplied_without_parcel' as check_key, month_projects.unit_id,
        month_projects.project_code as record_key, month_projects.project_name as record_name,
        strftime(month_projects.land_supplied_on, '%Y-%m-%d') as project_value, null::varchar as other_value,
        '项目库供地日期' || strftime(month_projects.land_supplied_on, '%Y-%m-%d') || '，土地表无该项目代码的地块' as detail,
        null::double as city_gap, null::double as city_base
    from month_projects
    left join parcels_per_project using (snapshot_month, project_code)
    where month_projects.land_supplied_on is not null and parcels_per_project.project_code is null

    union all
    select
        month_land.snapshot_month, month_land.snapshot_date,
        2, 'parcel_unknown_project', month_land.unit_id,
        month_land.parcel_id, month_land.parcel_name,
        null, month_land.project_code,
        '地块所填项目代码' || month_land.project_code || '不在项目库',
        null, null
    from month_land
    anti join month_projects using (snapshot_month, project_code)
    where month_land.project_code is not null

    union all
    select
        snapshot_month, snapshot_date,
        3, 'supplied_on_differs', unit_id, project_code, project_name,
        strftime(land_supplied_on, '%Y-%m-%d'), strftime(parcel_supplied_on, '%Y-%m-%d'),
        '项目库供地日期' || strftime(land_supplied_on, '%Y-%m-%d') || '，土地表' || strftime(parcel_supplied_on, '%Y-%m-%d')
            || '（地块' || parcel_ids || '）',
        null, null
    from joined
    where land_supplied_on is not null and parcel_supplied_on is not null and land_supplied_on <> parcel_supplied_on

    union all
    select
        snapshot_month, snapshot_date,
        4, 'started_on_differs', unit_id, project_code, project_name,
        coalesce(strftime(started_on, '%Y-%m-%d'), '未开工'), coalesce(strftime(parcel_started_on, '%Y-%m-%d'), '未开工'),
        '项目库实际开工' || coalesce(strftime(started_on, '%Y-%m-%d'), '未填') || '，土地表'
            || coalesce(strftime(parcel_started_on, '%Y-%m-%d'), '未填') || '（地块' || parcel_ids || '）',
        null, null
    from joined
    where started_on is distinct from parcel_started_on

    union all
    select
        raw_nodes.snapshot_month, raw_nodes.snapshot_date,
        5, 'node_unknown_project', null, raw_nodes.project_code, null,
        null, cast(count(*) as varchar),
        '推进节点' || count(*) || '个（' || string_agg(raw_nodes.node, '、' order by raw_nodes.node) || '），项目代码不在项目库',
        null, null
    from raw_nodes
    anti join month_projects using (snapshot_month, project_code)
    group by raw_nodes.snapshot_month, raw_nodes.snapshot_date, raw_nodes.project_code

    union all
    select
        city.snapshot_month, city.snapshot_date,
        6, 'city_sum_differs', null, city.indicator, city.indicator,
        printf('%.2f', city.value_ytd), printf('%.2f', unit_sums.units_sum),
        '全市' || printf('%.2f', city.value_ytd) || city.measure_unit || '，' || unit_sums.units || '个主体合计'
            || printf('%.2f', unit_sums.units_sum) || city.measure_unit || '，相差'
            || printf('%.2f', 100 * abs(city.value_ytd - unit_sums.units_sum) / abs(city.value_ytd)) || '%',
        abs(city.value_ytd - unit_sums.units_sum), abs(city.value_ytd)
    from raw_indicators as city
    join unit_sums using (snapshot_month, indicator)
    where city.unit_id = 'city' and abs(city.value_ytd - unit_sums.units_sum) > 0
)

select * from findings
