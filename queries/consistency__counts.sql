-- 一张网 (issue 19 §5): the consistency findings of $month counted per check and unit, so 数据管理 and the import's
-- message need not fetch every finding (the rows: consistency__list, a page at a time).
-- grain: one row per check × unit (unit null: a finding without a 县级主体) with findings. params: $month, $tolerance
with findings as (
-- @include consistency__shown
)

select findings.check_key, findings.unit_id, units.unit_name, count(*) as findings
from findings
left join units using (unit_id)
group by all
