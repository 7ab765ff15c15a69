-- 一张网 (issue 19 §5): the consistency findings of $month, of one check ($check_key; '' for every check), in the
-- report's order, at most $limit rows (null: all, for the Excel export).
-- grain: one row per finding. params: $month, $tolerance, $check_key, $limit
with findings as (
-- @include consistency__issues
)

select *
from findings
where $check_key = '' or check_key = $check_key
order by check_order, sort_order, record_key
limit $limit
