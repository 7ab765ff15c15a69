-- How many projects the 项目查询 list holds with the search and filters, and their 总投资 (亿元).
-- grain: one row. params: those of explorer__filtered
with filtered as (
-- @include explorer__filtered
),

final as (
    select
        count(*) as projects,
        coalesce(sum(total_investment_yi), 0) as total_investment_yi
    from filtered
)

select * from final
