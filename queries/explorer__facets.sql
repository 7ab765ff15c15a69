-- The choices of the 项目查询 filters 项目类别 and 所属产业: the values present among the projects matching the
-- search (explorer__projects, included), without fetching the list.
-- grain: one row per facet × value. params: $month, $unit, $search
with listed as (
-- @include explorer__projects
),

final as (
    select distinct 'category' as facet, category as value from listed where category is not null
    union all
    select distinct 'industry' as facet, industry as value from listed where industry is not null
)

select * from final
order by facet, value
