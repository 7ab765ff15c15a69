-- 县市区排名: the composite monthly score of each of the nine units, computed from progress__by_metric (the same
-- per-unit rows and pace_ratio = 序时完成度 as the 目标进度 page), ranks, rank changes, strongest / weakest metric and
-- the weighted metrics left out. The rule is written in config/cockpit.toml [ranking]:
--   score = round(100 × Σ weight × min(pace_ratio, $cap) ÷ Σ weight, 1) over the weighted metrics the unit has a
--   target and a value for (the others are left out and listed in `unscored`; the rest count proportionally more);
--   rank: ties (on the rounded score, the figure shown) share a rank (3, 3, 5); no scored metric → null score, rank.
--   targets_behind / targets_rated: of ALL the unit's targets that have a status (not only the weighted ones),
--   how many are 落后 or 严重落后: the score covers some targets, this count shows the rest beside it.
-- grain: one row per snapshot month of progress__by_metric × unit (the nine; 全市 is not ranked).
-- params: those of progress__by_metric, and the weights as two parallel lists $weight_keys (metric keys) and
--         $weight_values (weights), and $cap; passed as values, never formatted into the text.
with progress as (
-- @include progress__by_metric
),

weights as (
    select unnest($weight_keys) as metric_key, cast(unnest($weight_values) as double) as weight
),

-- issue 18 §3: [ranking.weights] leader_promotion (optional, default 0) adds trips by 党政主要领导 as an indicator
promotion as (
-- @include promotion__ranking
),

ratios as (
    select
        progress.*,
        weights.weight,
        pace_ratio is not null and value is not null as scored,
        least(pace_ratio, cast($cap as double)) as capped
    from progress
    join weights using (metric_key)
    where unit_id <> 'city'
    union all by name
    select
        promotion.*,
        weights.weight,
        pace_ratio is not null and value is not null as scored,
        least(pace_ratio, cast($cap as double)) as capped
    from promotion
    join weights using (metric_key)
    where weights.weight > 0
        and promotion.snapshot_month in (select snapshot_month from progress)
),

per_unit as (
    select
        snapshot_month,
        unit_id,
        round(100 * sum(weight * capped) / sum(weight), 1) as score,
        count(*) as metrics_used,
        -- strongest: highest pace_ratio, first in catalogue order on a tie; weakest: lowest, last on a tie
        arg_max(label, [pace_ratio, -metric_order]) as strongest,
        max(pace_ratio) as strongest_ratio,
        arg_min(label, [pace_ratio, -metric_order]) as weakest,
        min(pace_ratio) as weakest_ratio
    from ratios
    where scored
    group by snapshot_month, unit_id
),

unscored as (
    select
        snapshot_month,
        unit_id,
        nullif(string_agg(label || '（' || coalesce(missing_reason, '无数据') || '）', '、' order by metric_order),
               '') as unscored,
        nullif(coalesce(string_agg(label || '（权重' || cast(round(weight) as bigint) || '）'
                                   || coalesce(missing_reason, '无数据'), '、' order by metric_order)
                            filter (where target is not null), ''), '') as missing_data
    from ratios
    where not scored
    group by snapshot_month, unit_id
),

behind as (
    select
        snapshot_month,
        unit_id,
        count(*) filter (where status in ('落后', '严重落后')) as targets_behind,
        count(status) as targets_rated
    from progress
    where unit_id <> 'city'
    group by snapshot_month, unit_id
),

grid as (
    select distinct snapshot_month, year, month_number, unit_id, unit_name, unit_short, sort_order
    from progress
    where unit_id <> 'city'
),

ranked as (
    select
        grid.*,
        per_unit.score,
        coalesce(per_unit.metrics_used, 0) as metrics_used,
        per_unit.strongest, per_unit.strongest_ratio, per_unit.weakest, per_unit.weakest_ratio,
        unscored.unscored, unscored.missing_data,
        coalesce(behind.targets_behind, 0) as targets_behind,
        coalesce(behind.targets_rated, 0) as targets_rated,
        case when per_unit.score is not null
             then rank() over (partition by grid.snapshot_month order by per_unit.score desc nulls last) end as rank
    from grid
    left join per_unit using (snapshot_month, unit_id)
    left join unscored using (snapshot_month, unit_id)
    left join behind using (snapshot_month, unit_id)
),

previous as (
    select snapshot_month, lag(snapshot_month) over (order by snapshot_month) as prev_month
    from (select distinct snapshot_month from grid)
)

select
    ranked.*,
    previous.prev_month,
    before.rank as prev_rank,
    before.rank - ranked.rank as rank_change
from ranked
join previous using (snapshot_month)
left join ranked as before
    on before.snapshot_month = previous.prev_month and before.unit_id = ranked.unit_id
order by ranked.snapshot_month, coalesce(ranked.rank, 99), ranked.sort_order
