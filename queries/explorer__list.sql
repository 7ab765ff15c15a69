-- The rows of the 项目查询 list the page shows: explorer__filtered (included) in the list's order, the first
-- $limit rows ([display] list_rows; the count and 总投资 come from explorer__list_summary; the export passes no
-- limit).
-- grain: one row per matching project, at most $limit. params: those of explorer__filtered, and $limit
with filtered as (
-- @include explorer__filtered
),

final as (
    select * from filtered
)

select * from final
order by sort_order, total_investment desc, project_code
limit $limit
