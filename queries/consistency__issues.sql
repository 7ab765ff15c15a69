-- 一张网 consistency report (issue 19 §5): where the 项目库, 土地, 推进节点 and 月度指标 of one snapshot month
-- disagree. Nothing is refused at import for this (the sources are what they are); every disagreement is listed.
-- Checks (check_key, in this order):
--   supplied_without_parcel  项目库 has a 供地日期 but no parcel in 土地 names its 项目代码
--   parcel_unknown_project   a parcel names a 项目代码 that is not in the 项目库
--   supplied_on_differs      项目库 供地日期 ≠ the earliest 供地日期 of the project's parcels (both given)
--   started_on_differs       项目库 实际开工日期 ≠ the earliest 实际开工日期 of its parcels (both given), or one
--                            side has a start and the other none
--   node_unknown_project     推进节点 of a 项目代码 not in the 项目库 (one row per project; unit unknown)
--   city_sum_differs         月度指标 全市 row ≠ the sum of the units' rows by more than $tolerance (relative, of 全市)
-- Base views `projects`, `land`, `nodes`, `indicators` of $month.
-- grain: one row per finding. params: $month, $tolerance
with month_projects as (
    select project_code, project_name, unit_id, land_supplied_on, started_on
    from projects
    where snapshot_month = $month
),

month_land as (
    select parcel_id, parcel_name, unit_id, project_code, supplied_on, started_on
    from land
    where snapshot_month = $month
),

parcels_per_project as (
    select
        project_code,
        count(*) as parcels,
        min(supplied_on) as parcel_supplied_on,
        min(started_on) as parcel_started_on,
        string_agg(parcel_id, '、' order by parcel_id) as parcel_ids
    from month_land
    where project_code is not null
    group by project_code
),

joined as (
    select month_projects.*, parcels_per_project.* exclude (project_code)
    from month_projects
    join parcels_per_project using (project_code)
),

findings as (
    select
        1 as check_order, 'supplied_without_parcel' as check_key, month_projects.unit_id,
        month_projects.project_code as record_key, month_projects.project_name as record_name,
        strftime(month_projects.land_supplied_on, '%Y-%m-%d') as project_value, null as other_value,
        '项目库供地日期' || strftime(month_projects.land_supplied_on, '%Y-%m-%d') || '，土地表无该项目代码的地块' as detail
    from month_projects
    left join parcels_per_project using (project_code)
    where month_projects.land_supplied_on is not null and parcels_per_project.project_code is null

    union all
    select
        2, 'parcel_unknown_project', month_land.unit_id,
        month_land.parcel_id, month_land.parcel_name,
        null, month_land.project_code,
        '地块所填项目代码' || month_land.project_code || '不在项目库'
    from month_land
    anti join month_projects using (project_code)
    where month_land.project_code is not null

    union all
    select
        3, 'supplied_on_differs', unit_id, project_code, project_name,
        strftime(land_supplied_on, '%Y-%m-%d'), strftime(parcel_supplied_on, '%Y-%m-%d'),
        '项目库供地日期' || strftime(land_supplied_on, '%Y-%m-%d') || '，土地表' || strftime(parcel_supplied_on, '%Y-%m-%d')
            || '（地块' || parcel_ids || '）'
    from joined
    where land_supplied_on is not null and parcel_supplied_on is not null and land_supplied_on <> parcel_supplied_on

    union all
    select
        4, 'started_on_differs', unit_id, project_code, project_name,
        coalesce(strftime(started_on, '%Y-%m-%d'), '未开工'), coalesce(strftime(parcel_started_on, '%Y-%m-%d'), '未开工'),
        '项目库实际开工' || coalesce(strftime(started_on, '%Y-%m-%d'), '未填') || '，土地表'
            || coalesce(strftime(parcel_started_on, '%Y-%m-%d'), '未填') || '（地块' || parcel_ids || '）'
    from joined
    where started_on is distinct from parcel_started_on

    union all
    select
        5, 'node_unknown_project', null, nodes.project_code, null,
        null, cast(count(*) as varchar),
        '推进节点' || count(*) || '个（' || string_agg(nodes.node, '、' order by nodes.node) || '），项目代码不在项目库'
    from nodes
    anti join month_projects using (project_code)
    where nodes.snapshot_month = $month
    group by nodes.project_code

    union all
    select
        6, 'city_sum_differs', null, city.indicator, city.indicator,
        printf('%.2f', city.value_ytd), printf('%.2f', sums.units_sum),
        '全市' || printf('%.2f', city.value_ytd) || city.measure_unit || '，' || sums.units || '个主体合计'
            || printf('%.2f', sums.units_sum) || city.measure_unit || '，相差'
            || printf('%.2f', 100 * abs(city.value_ytd - sums.units_sum) / abs(city.value_ytd)) || '%'
    from indicators as city
    join (
        select indicator, sum(value_ytd) as units_sum, count(*) as units
        from indicators
        where snapshot_month = $month and unit_id <> 'city'
        group by indicator
    ) as sums using (indicator)
    where city.snapshot_month = $month and city.unit_id = 'city'
        and abs(city.value_ytd - sums.units_sum) > $tolerance * abs(city.value_ytd)
),

final as (
    select
        findings.check_order,
        findings.check_key,
        findings.unit_id,
        units.unit_name,
        coalesce(units.sort_order, 99) as sort_order,
        findings.record_key,
        findings.record_name,
        findings.project_value,
        findings.other_value,
        findings.detail
    from findings
    left join units using (unit_id)
)

select * from final
order by check_order, sort_order, record_key
