-- 临期预警 (issue 19 §1): parcels that reach 闲置 under the national rule (超过出让合同约定的动工开发日期满一年未动工)
-- within $days days after the snapshot month's last day D. A parcel turns idle on 合同开工日期 + 1 calendar year
-- (idle_on; 02-29 + 1 year = 02-28) when it has no 实际开工日期; listed when D < idle_on ≤ D + $days.
-- Parcels already past idle_on at D are idle already, not upcoming. Base view `land`; 项目名称 from `projects` of
-- the same month on 项目代码.
-- grain: one row per parcel turning idle within $days days. params: $month, $unit, $days
with month_land as (
    select *, cast(contract_start_on + interval 1 year as date) as idle_on
    from land
    where snapshot_month = $month
        and ($unit = 'city' or unit_id = $unit)
        and started_on is null
        and contract_start_on is not null
),

names as (
    select project_code, project_name
    from projects
    where snapshot_month = $month
),

final as (
    select
        month_land.snapshot_month,
        month_land.parcel_id,
        month_land.parcel_name,
        month_land.unit_id,
        units.unit_name,
        units.unit_short,
        units.sort_order,
        month_land.land_use,
        month_land.area,
        month_land.supplied_on,
        month_land.contract_start_on,
        month_land.idle_on,
        date_diff('day', month_land.snapshot_date, month_land.idle_on) as days_left,
        month_land.project_code,
        names.project_name
    from month_land
    join units using (unit_id)
    left join names using (project_code)
    where month_land.idle_on > month_land.snapshot_date
        and month_land.idle_on <= month_land.snapshot_date + $days
)

select * from final
order by idle_on, sort_order, parcel_id
