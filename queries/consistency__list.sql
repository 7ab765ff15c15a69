-- 一张网 (issue 19 §5): the consistency findings of $month, of one check ($check_key; '' for every check), in the
-- report's order, at most $limit rows (null: all, for the Excel export). Reads the findings derived at import
-- (consistency_findings, int__consistency_findings.sql: the checks and their wording are there): one month's file,
-- no source scanned (issue 19 §6). Check 6 (city_sum_differs) lists the 全市 rows off by more than $tolerance
-- (relative, of 全市).
-- grain: one row per finding. params: $month, $tolerance, $check_key, $limit
with findings as (
    select check_order, check_key, unit_id, record_key, record_name, project_value, other_value, detail
    from consistency_findings
    where snapshot_month = $month
        and ($check_key = '' or check_key = $check_key)
        and (check_key <> 'city_sum_differs' or city_gap > $tolerance * city_base)
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
)

select * from final
order by check_order, sort_order, record_key
limit $limit
