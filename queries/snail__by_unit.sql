-- 蜗牛项目 counted per unit, lateness band and type: the 蜗牛与预警 page's numbers and chart without fetching the
-- list (issue 19 §6). Type and band exactly as snail__projects defines them (included, not copied).
-- grain: one row per unit × 滞后档 × 类型 with at least one 蜗牛. params: $month, $unit
with snails as (
-- @include snail__projects
),

final as (
    select
        unit_id,
        sort_order,
        lateness_band,
        lateness_order,
        snail_type,
        count(*) as projects
    from snails
    group by all
)

select * from final
order by sort_order, lateness_order, snail_type
