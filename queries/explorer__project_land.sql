-- Land parcels of one project (land rows carrying its 项目代码) in the snapshot month, with their “五未” category.
-- grain: one row per parcel. params: $code, $month
with final as (
    select
        parcel_id,
        parcel_name,
        land_use,
        area,
        approved_on,
        supplied_on,
        started_on,
        developed_area,
        five_idle,
        idle_months,
        idle_area
    from land
    where project_code = $code
        and snapshot_month = $month
)

select * from final
order by supplied_on nulls last, parcel_id
