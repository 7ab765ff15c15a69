-- Parcels of the snapshot month left out of “五未” because a date is missing (idle_status 数据不全 of the base view
-- `land`): a later lifecycle date given without the one before it, so the step cannot be told. The page lists
-- them beside the reconciliation so no parcel drops out silently.
-- grain: one row per parcel. params: $month, $unit
with gaps as (
    select *
    from land
    where snapshot_month = $month and idle_status = '数据不全'
        and ($unit = 'city' or unit_id = $unit)
),

final as (
    select
        gaps.parcel_id,
        gaps.parcel_name,
        gaps.unit_id,
        units.unit_name,
        units.sort_order,
        gaps.land_use,
        gaps.area,
        gaps.data_gap,
        gaps.approved_on,
        gaps.supplied_on,
        gaps.started_on,
        gaps.completed_on,
        gaps.production_on,
        gaps.above_scale_on,
        gaps.project_code
    from gaps
    join units using (unit_id)
)

select * from final
order by sort_order, parcel_id
