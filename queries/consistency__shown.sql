-- 一张网 (issue 19 §5): the findings of $month the report shows, from those derived at import (consistency_findings,
-- int__consistency_findings.sql: the checks and their wording are there): one month's file, no source scanned
-- (issue 19 §6). Check 6 (city_sum_differs) keeps the 全市 rows off by more than $tolerance (relative, of 全市).
-- Included by consistency__counts and consistency__list, so the tolerance is applied in one place.
-- grain: one row per finding. params: $month, $tolerance
select check_order, check_key, unit_id, record_key, record_name, project_value, other_value, detail
from consistency_findings
where snapshot_month = $month
    and (check_key <> 'city_sum_differs' or city_gap > $tolerance * city_base)
