-- 一张网 (issue 19 §5): the consistency findings of $month, of one check ($check_key; '' for every check), in the
-- report's order, at most $limit rows (null: all, for the Excel export); the findings shown: consistency__shown.
-- grain: one row per finding. params: $month, $tolerance, $check_key, $limit
with findings as (
-- @include consistency__shown
),

final as (
    select
        findings.check_order,
        findings.check_key,
        findings.unit_id,
        units.unit_name,
        coalesce(units.sort_order, 99) as sort_order,
        findings.record_key,
        findings.record_name,
        findings.project_value,
        findings.other_value,
        findings.detail
    from findings
    left join units using (unit_id)
    where $check_key = '' or findings.check_key = $check_key
)

select * from final
order by check_order, sort_order, record_key
limit $limit
