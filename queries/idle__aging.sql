-- “五未” parcels and idle area per category and 滞留时长 bucket: the “五未”土地 page's aging chart and the list's
-- bucket choices without fetching the parcel list (issue 19 §6). Buckets as idle__parcels_core defines them (included).
-- grain: one row per category × aging bucket with at least one parcel. params: $month, $unit
with parcels as (
-- @include idle__parcels_core
),

final as (
    select
        category,
        category_order,
        aging_bucket,
        aging_order,
        count(*) as parcels,
        sum(idle_area) as idle_area
    from parcels
    group by all
)

select * from final
order by category_order, aging_order
