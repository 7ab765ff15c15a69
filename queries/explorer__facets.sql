-- The choices of the 项目查询 filters 项目类别 and 所属产业: the values present among the projects of the month and
-- unit matching the search (explorer__projects' rows: same unit and search conditions), without fetching the list.
-- No join with units: the import admits no project of an unknown unit, and the join cost 120 ms of 180 at 1,500,000.
-- grain: one row per facet × value. params: $month, $unit, $search
with listed as (
    select category, industry
    from projects
    where snapshot_month = $month
        and ($unit = 'city' or unit_id = $unit)
        and ($search = ''
            or contains(lower(project_name), lower($search))
            or contains(lower(project_code), lower($search)))
),

final as (
    select distinct 'category' as facet, category as value from listed where category is not null
    union all
    select distinct 'industry' as facet, industry as value from listed where industry is not null
)

select * from final
order by facet, value
