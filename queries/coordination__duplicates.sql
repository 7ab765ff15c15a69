-- 统筹 疑似重复招引 (issue 19 §4): pairs of projects of two different units whose normalised names are equal
-- (shared_names, derived at import), signed within $window_months of each other and with 总投资 within
-- $tolerance of the larger. A name shared by more than $max_projects projects is too generic to pair
-- (coordination__generic_names lists it). The unit first in official order is on the left (_a).
-- grain: one row per pair. params: $month, $window_months, $tolerance, $max_projects
with keyed as (
    select
        shared_names.name_key,
        shared_names.project_code,
        shared_names.project_name,
        shared_names.unit_id,
        units.unit_name,
        units.unit_short,
        units.sort_order,
        shared_names.signed_on,
        shared_names.total_investment
    from shared_names
    join units using (unit_id)
    where shared_names.snapshot_month = $month and shared_names.sharing <= $max_projects
),

pairs as (
    select
        a.name_key,
        a.project_code as project_code_a, a.project_name as project_name_a, a.unit_id as unit_id_a,
        a.unit_name as unit_name_a, a.unit_short as unit_short_a, a.sort_order as sort_order_a,
        a.signed_on as signed_on_a, a.total_investment as total_investment_a,
        b.project_code as project_code_b, b.project_name as project_name_b, b.unit_id as unit_id_b,
        b.unit_name as unit_name_b, b.unit_short as unit_short_b, b.sort_order as sort_order_b,
        b.signed_on as signed_on_b, b.total_investment as total_investment_b
    from keyed as a
    join keyed as b
        on a.name_key = b.name_key and a.sort_order < b.sort_order
    where b.signed_on <= a.signed_on + to_months($window_months)
        and a.signed_on <= b.signed_on + to_months($window_months)
        and abs(a.total_investment - b.total_investment)
            <= $tolerance * greatest(a.total_investment, b.total_investment)
)

select *
from pairs
order by greatest(signed_on_a, signed_on_b) desc, project_code_a
