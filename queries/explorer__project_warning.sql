-- One project's 分级预警 in a snapshot month (the 项目查询 project view), from warnings__projects (included, with
-- its thresholds check), without fetching the month's whole warning list.
-- grain: zero or one row. params: $code, $month, and the thresholds of warnings__projects
with warned as (
-- @include warnings__projects
),

final as (
    select * from warned where project_code = $code
)

select * from final
