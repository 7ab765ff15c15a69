-- How many parcels and how much “五未” area the 地块清单 holds with the analyst's filters (the same filters as
-- idle__list, over idle__parcels_core included).
-- grain: one row. params: $month, $unit, $categories, $buckets, $min_area (as idle__list)
with parcels as (
-- @include idle__parcels_core
),

final as (
    select
        count(*) as parcels,
        coalesce(sum(idle_area), 0) as idle_area
    from parcels
    where (len($categories) = 0 or list_contains($categories, category))
        and (len($buckets) = 0 or list_contains($buckets, aging_bucket))
        and ($min_area = 0 or idle_area >= $min_area)
)

select * from final
