-- 一张网 (issue 19 §5): the consistency findings of $month counted per check and unit, so 数据管理 and the import's
-- message need not fetch every finding (the rows: consistency__list, a page at a time). Reads the findings derived
-- at import (consistency_findings, int__consistency_findings.sql): one month's file, no source scanned (issue 19 §6).
-- Check 6 (city_sum_differs) counts the 全市 rows off by more than $tolerance (relative, of 全市).
-- grain: one row per check × unit (unit null: a finding without a 县级主体) with findings. params: $month, $tolerance
with findings as (
    select check_key, unit_id
    from consistency_findings
    where snapshot_month = $month
        and (check_key <> 'city_sum_differs' or city_gap > $tolerance * city_base)
)

select findings.check_key, findings.unit_id, units.unit_name, count(*) as findings
from findings
left join units using (unit_id)
group by all
