-- The rows of the 预警项目清单 the page shows: warnings__projects (included, same columns, order and thresholds
-- check) of the unit and the chosen grades, the first $limit rows (the total comes from warnings__by_unit).
-- grain: one row per warned project, at most $limit.
-- params: $month, $unit, $grades (list of 红/黄/蓝; empty = every grade), $limit, and the thresholds of
--         warnings__projects
with warned as (
-- @include warnings__projects
),

final as (
    select *
    from warned
    where ($unit = 'city' or unit_id = $unit)
        and (len($grades) = 0 or list_contains($grades, grade))
)

select * from final
order by grade_order, sort_order, project_code
limit $limit
