-- The rows of the 蜗牛项目清单 the page shows: snail__projects (included, same columns and order) of the chosen
-- types, the first $limit rows (the page's [display] list_rows; the total comes from snail__by_unit).
-- grain: one row per 蜗牛 project, at most $limit.
-- params: $month, $unit, $types (蜗牛类型 list; empty = every type), $limit
with snails as (
-- @include snail__projects
),

final as (
    select *
    from snails
    where len($types) = 0 or list_contains($types, snail_type)
)

select * from final
order by sort_order, months_late desc, project_code
limit $limit
