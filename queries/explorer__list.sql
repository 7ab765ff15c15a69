-- The rows of the 项目查询 list the page shows: explorer__filtered (included) in the list's order, the first
-- $limit rows ([display] list_rows; the count and 总投资 come from explorer__list_summary; the export passes no
-- limit), with each shown project's warning grade (warnings__projects, included with its thresholds check).
-- grain: one row per matching project, at most $limit. params: those of explorer__filtered, and $limit
with filtered as (
-- @include explorer__filtered
),

shown as (
    select *
    from filtered
    order by sort_order, total_investment desc, project_code
    limit $limit
),

warned as (
-- @include warnings__projects
),

final as (
    select
        shown.*,
        warned.grade as warning_grade
    from shown
    left join warned using (project_code)
)

select * from final
order by sort_order, total_investment desc, project_code
