-- The rows of the “五未” 地块清单 the page shows: idle__parcels (included, same columns and order) filtered as the
-- analyst chose, the first $limit rows ([display] list_rows; the total comes from idle__list_summary; the export
-- passes no limit).
-- grain: one row per idle parcel, at most $limit.
-- params: $month, $unit, $categories (list; empty = all), $buckets (滞留时长 list; empty = all),
--         $min_area (minimum “五未”面积, 亩; 0 = all), $limit
with parcels as (
-- @include idle__parcels
),

final as (
    select *
    from parcels
    where (len($categories) = 0 or list_contains($categories, category))
        and (len($buckets) = 0 or list_contains($buckets, aging_bucket))
        and ($min_area = 0 or idle_area >= $min_area)
)

select * from final
order by category_order, idle_months desc, idle_area desc, parcel_id
limit $limit
