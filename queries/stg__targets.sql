-- staging view `targets` (metric key, group, kind). grain: one target of one unit (or 全市 = 'city') per year.
-- target_value is in the storage unit of its metric (万元, 万美元, 个, 亩, %).
select
    targets.*,
    metrics.key as metric_key,
    metrics.group as metric_group,
    metrics.kind as metric_kind
from raw_targets as targets
join metrics on metrics.name = targets.target
