-- 目标进度: every target metric (cockpit/metrics.py) of every unit and of 全市, per snapshot month, with its
-- target, 完成率, 序时进度, gap to pace, 同比 and status. This header is the one place where the counting rules (口径)
-- of the computed metrics are written (int__metric_actuals.sql computes them per month at import); the progress
-- page, its trend, the unit matrix and the ranking all read it.
-- grain: one row per snapshot month × unit (the nine, plus 'city' = 全市) × metric, for the snapshot months of
--        the year of $month and of the year before, up to $month (last year's rows give 同比 and the trend).
-- Units: value / prior_value / target / pace_target / pace_gap / remaining / needed_per_month in the storage
--        unit of the metric (万元, 万美元, 个, 亩; divide by display_factor for 亿元 / 亿美元); rate and growth
--        metrics in percent (12.5 = 12.5%); completion, pace and pace_ratio are fractions.
--
-- Counting rules, for year Y of the snapshot month up to its last day D (a date "in Y up to D": year = Y, ≤ D):
--   projects_above_100m     signed in Y up to D, 总投资 ≥ 1亿元 (10000万元)
--   major_foreign_projects  signed in Y up to D, is_major_foreign (世界500强, 行业领先企业, 外资金额 ≥ 1亿美元, or
--                           总投资 ≥ 1亿美元 at the configured rate; with [quality] foreign_only only projects
--                           with 外资金额 > 0; base view `projects`)
--   projects_10b / projects_5b_10b / projects_1b_5b
--                           signed in Y up to D, size_tier 百亿级 / 50–100亿元 / 10–50亿元 (lower bound included)
--   starts / completions / productions
--                           总投资 ≥ 1亿元 and 实际开工 / 实际竣工 / 投产 date in Y up to D
--   new_above_scale         投产 in Y up to D and 达规 in Y up to D
--   new_full_capacity       竣工 in Y up to D and 达产 in Y up to D
--                           (both only 总投资 ≥ 1亿元 when settings.milestones_above_100m_only; default all sizes)
--   registration_rate       the plan's 当年注册率: of the projects signed in Y up to D, the share with 注册日期 ≤ D
--                           (percent); a project registered before it was signed (even in an earlier year)
--                           counts as registered. numerator / denominator carry the two counts
--   new_industrial_land     亩 of the land parcels whose 供地日期 is in Y up to D and whose 土地用途 is one of
--                           settings.industrial_land_uses ([progress] industrial_land_uses; default 工业用地、仓储用地)
--   indicator metrics       月度指标 value_ytd of the snapshot month (base indicator named in metrics.base)
-- Computed counts are 0 for a unit without such projects when the month has a project (land) snapshot, and null
-- when it has none. A missing 月度指标 stays null.
--
-- 全市 (unit_id 'city'): computed metrics count every project / parcel of the nine units. Indicator metrics use
-- the 全市 row of 月度指标 when the data supplies one, else the sum of the units' rows; city_reported, units_sum
-- and units_reported show both so the page can flag a difference. When 全市 is the sum of fewer than nine units
-- (no 全市 row), units_missing names the others ('秀洲区、嘉善县…', in the official order; null when 全市 is whole),
-- so every place that shows such a 全市 says "N个主体未报送：…"; growth metrics of that indicator carry it too. The 全市 target is the 全市 row of 年度目标;
-- without one, a cumulative metric whose nine unit targets are all given gets their sum (target_source says so).
-- unit_targets_sum / unit_targets_count (全市 rows): the sum and number of the unit targets given, so a 全市 target
-- that differs from its units' (900 vs 934亿) is shown, not hidden.
--
-- 同比: prior_value = 上年同期累计 from 月度指标, else the value of the same month's snapshot of last year (for
-- computed metrics always the latter); growth = value ÷ prior_value − 1 (percent). Growth metrics: value is the
-- 同比 growth of their base indicator (percent), computed the same way.
--
-- Reading against the plan (kind): cumulative: completion = value ÷ target, pace = month ÷ 12 (序时进度),
-- pace_ratio = completion ÷ pace, pace_gap = target × pace − value (> 0: behind pace by that much),
-- needed_per_month = (target − value) ÷ months left (0 once reached; null in December).
-- rate / growth: pace_gap = target − value in percentage points; pace_ratio = value ÷ target for a rate and
-- (100 + growth) ÷ (100 + target growth) for growth (this year's 累计 against what the target growth needs).
-- status: cumulative by pace_ratio: ≥ $on_pace 达序时, ≥ $far_behind 落后, else 严重落后; rate / growth by
-- percentage points: value ≥ target 达序时, ≥ target − $rate_far_behind_points (resp.
-- $growth_far_behind_points) 落后, else 严重落后. Null without a target or a value; missing_reason then says which
-- (无目标, 无数据（未报送）, 本年无签约项目 for a rate of 0 signed, 无上年同期数 for a growth without its base year).
-- Exact pace: every ratio a status, colour or rank depends on is computed without dividing by month ÷ 12
-- (pace_ratio = value × 12 ÷ (target × month), pace_gap = (target × month − value × 12) ÷ 12), so a unit exactly on
-- 序时 (84亿 target, July, 49亿: 588 = 588) gets pace_ratio 1 and pace_gap 0, not 0.9999999999999999 and 落后;
-- ratios and percentages are then rounded to 9 decimals, far below any figure shown, to drop the last bit of
-- binary floating-point noise (100 × (115 − 100) ÷ 100 is 15, never 14.999999999999998).
-- params: $month, $on_pace, $far_behind, $rate_far_behind_points, $growth_far_behind_points
with params as (
    select cast(left($month, 4) as integer) as year
),

-- the months with a project, land or indicator snapshot, from the catalog's list (snapshot_periods), not a scan
snapshot_months as (
    select snapshot_month, snapshot_date, table_name as source_table
    from snapshot_periods
    where table_name in ('projects', 'land', 'indicators')
),

months as (
    select
        snapshot_month,
        any_value(snapshot_date) as snapshot_date,
        bool_or(source_table = 'projects') as has_projects,
        bool_or(source_table = 'land') as has_land
    from snapshot_months
    where snapshot_month <= $month
        and year(snapshot_date) >= (select year from params) - 1
    group by snapshot_month
),

project_values as (
    select snapshot_month, unit_id, source_name, value, numerator, denominator
    from metric_actuals
    where source_table = 'projects' and snapshot_month in (select snapshot_month from months)
        -- constant bounds too, so only the shown months' files are opened
        and snapshot_month <= $month and snapshot_month >= cast(left($month, 4) as integer) - 1 || '-01'
),

land_values as (
    select snapshot_month, unit_id, source_name, value
    from metric_actuals
    where source_table = 'land' and snapshot_month in (select snapshot_month from months)
        -- constant bounds too, so only the shown months' files are opened
        and snapshot_month <= $month and snapshot_month >= cast(left($month, 4) as integer) - 1 || '-01'
),

indicator_rows as (
    select indicators.snapshot_month, indicators.unit_id, indicators.indicator,
        indicators.value_ytd, indicators.value_prior_ytd
    from indicators
    where snapshot_month in (select snapshot_month from months)
),

indicator_unit_totals as (
    select
        snapshot_month,
        indicator,
        sum(value_ytd) as units_sum,
        count(value_ytd) as units_reported,
        sum(value_prior_ytd) as units_prior_sum,
        count(value_prior_ytd) as units_prior_reported
    from indicator_rows
    where unit_id <> 'city'
    group by all
),

-- The units that sent no figure for an indicator in a month, named, for a 全市 that is only a partial sum.
indicator_missing_units as (
    select totals.snapshot_month, totals.indicator,
        string_agg(units.unit_name, '、' order by units.sort_order) as units_missing
    from indicator_unit_totals as totals
    cross join units
    where not exists (
        select 1 from indicator_rows as given
        where given.snapshot_month = totals.snapshot_month and given.indicator = totals.indicator
            and given.unit_id = units.unit_id and given.value_ytd is not null
    )
    group by all
),

indicator_city as (
    select
        coalesce(totals.snapshot_month, city.snapshot_month) as snapshot_month,
        'city' as unit_id,
        coalesce(totals.indicator, city.indicator) as source_name,
        coalesce(city.value_ytd, totals.units_sum) as value,
        coalesce(city.value_prior_ytd, case when totals.units_prior_reported = totals.units_reported
            then totals.units_prior_sum end) as prior_reported,
        city.value_ytd as city_reported,
        totals.units_sum,
        coalesce(totals.units_reported, 0) as units_reported,
        -- only when 全市 is the units' sum: a supplied 全市 figure is whole whoever else reported
        case when city.value_ytd is null then missing.units_missing end as units_missing
    from indicator_unit_totals as totals
    full join (select * from indicator_rows where unit_id = 'city') as city
        on city.snapshot_month = totals.snapshot_month and city.indicator = totals.indicator
    left join indicator_missing_units as missing
        on missing.snapshot_month = totals.snapshot_month and missing.indicator = totals.indicator
),

indicator_values as (
    select snapshot_month, unit_id, indicator as source_name, value_ytd as value,
        value_prior_ytd as prior_reported,
        null::double as city_reported, null::double as units_sum, null::bigint as units_reported,
        null::varchar as units_missing
    from indicator_rows
    where unit_id <> 'city'
    union all
    select * from indicator_city
),

sources as (
    select key as source_name, source, key = 'new_industrial_land' as from_land
    from metrics where source = 'computed'
    union
    select distinct base, source, false from metrics where source = 'indicator'
),

source_values as (
    select
        months.snapshot_month,
        months.snapshot_date,
        all_units.unit_id,
        sources.source_name,
        case
            when sources.source = 'indicator' then indicator_values.value
            when sources.from_land then case when months.has_land then coalesce(land_values.value, 0) end
            when sources.source_name = 'registration_rate' then project_values.value
            else case when months.has_projects then coalesce(project_values.value, 0) end
        end as value,
        case when sources.source_name = 'registration_rate' and months.has_projects
            then coalesce(project_values.numerator, 0) end as numerator,
        case when sources.source_name = 'registration_rate' and months.has_projects
            then coalesce(project_values.denominator, 0) end as denominator,
        indicator_values.prior_reported,
        indicator_values.city_reported,
        indicator_values.units_sum,
        indicator_values.units_reported,
        indicator_values.units_missing
    from months
    cross join all_units
    cross join sources
    left join project_values
        on sources.source = 'computed' and project_values.snapshot_month = months.snapshot_month
        and project_values.unit_id = all_units.unit_id and project_values.source_name = sources.source_name
    left join land_values
        on sources.from_land and land_values.snapshot_month = months.snapshot_month
        and land_values.unit_id = all_units.unit_id
    left join indicator_values
        on sources.source = 'indicator' and indicator_values.snapshot_month = months.snapshot_month
        and indicator_values.unit_id = all_units.unit_id and indicator_values.source_name = sources.source_name
),

with_prior as (
    select
        current_year.*,
        coalesce(current_year.prior_reported, last_year.value) as prior
    from source_values as current_year
    left join source_values as last_year
        on last_year.unit_id = current_year.unit_id
        and last_year.source_name = current_year.source_name
        and last_year.snapshot_month = strftime(current_year.snapshot_date - interval 1 year, '%Y-%m')
),

metric_values as (
    select
        with_prior.snapshot_month,
        with_prior.snapshot_date,
        year(with_prior.snapshot_date) as year,
        month(with_prior.snapshot_date) as month_number,
        with_prior.unit_id,
        metrics.key as metric_key,
        metrics.rowid + 1 as metric_order,
        metrics.name as metric_name,
        metrics.label,
        metrics."group" as metric_group,
        metrics.unit,
        metrics.kind,
        metrics.source,
        metrics.definition,
        metrics.display_factor,
        case
            -- growth as (value − prior) ÷ prior: value ÷ prior − 1 loses exactness (1.15 − 1 ≠ 0.15 in binary)
            when metrics.kind = 'growth' and with_prior.prior > 0
                then round(100 * (with_prior.value - with_prior.prior) / with_prior.prior, 9)
            when metrics.kind = 'growth' then null
            else with_prior.value
        end as value,
        case when metrics.kind <> 'growth' then with_prior.prior end as prior_value,
        case when metrics.kind = 'cumulative' and with_prior.prior > 0
            then round(100 * (with_prior.value - with_prior.prior) / with_prior.prior, 9) end as growth,
        case when metrics.kind = 'growth' then with_prior.value end as base_value,
        case when metrics.kind = 'growth' then with_prior.prior end as base_prior_value,
        with_prior.numerator,
        with_prior.denominator,
        with_prior.city_reported,
        with_prior.units_sum,
        with_prior.units_reported,
        with_prior.units_missing
    from with_prior
    join metrics
        on with_prior.source_name = case when metrics.source = 'indicator' then metrics.base else metrics.key end
),

unit_targets as (
    select year, unit_id, metric_key, target_value, '下达目标' as target_source
    from targets
    where year >= (select year from params) - 1
),

summed_city_targets as (
    select year, 'city' as unit_id, metric_key, sum(target_value) as target_value, '九个主体目标合计' as target_source
    from unit_targets
    where unit_id <> 'city' and metric_key in (select key from metrics where kind = 'cumulative')
    group by year, metric_key
    having count(distinct unit_id) = (select count(*) from units)
),

-- 全市 target against the units' own: the plan's 900亿 need not equal the nine targets' 934亿; the page shows both.
unit_target_totals as (
    select year, metric_key, sum(target_value) as unit_targets_sum, count(distinct unit_id) as unit_targets_count
    from unit_targets
    where unit_id <> 'city'
    group by year, metric_key
),

all_targets as (
    select * from unit_targets
    union all
    select * from summed_city_targets
    where not exists (
        select 1 from unit_targets as given
        where given.unit_id = 'city' and given.year = summed_city_targets.year
            and given.metric_key = summed_city_targets.metric_key
    )
),

measured as (
    select
        metric_values.*,
        all_units.unit_name,
        all_units.unit_short,
        all_units.sort_order,
        all_targets.target_value as target,
        all_targets.target_source,
        case when metric_values.unit_id = 'city' then unit_target_totals.unit_targets_sum end as unit_targets_sum,
        case when metric_values.unit_id = 'city' then unit_target_totals.unit_targets_count end
            as unit_targets_count,
        metric_values.month_number / 12.0 as pace,
        12 - metric_values.month_number as months_left
    from metric_values
    join all_units using (unit_id)
    left join all_targets
        on all_targets.year = metric_values.year
        and all_targets.unit_id = metric_values.unit_id
        and all_targets.metric_key = metric_values.metric_key
    left join unit_target_totals
        on unit_target_totals.year = metric_values.year
        and unit_target_totals.metric_key = metric_values.metric_key
),

ratios as (
    select
        *,
        case when kind in ('cumulative', 'rate') and target > 0 then value / target end as completion,
        -- × month ÷ 12 rather than × pace: 84 × 7 ÷ 12 is exactly 49, 84 × (7 ÷ 12) is not
        case when kind = 'cumulative' then target * month_number / 12 end as pace_target,
        case when kind = 'cumulative' then (target * month_number - value * 12) / 12
            else target - value end as pace_gap,
        case when kind = 'cumulative' then target - value end as remaining,
        case when kind = 'cumulative' and months_left > 0 and target is not null and value is not null
            then greatest(target - value, 0) / months_left end as needed_per_month,
        round(case
            when kind = 'cumulative' and target > 0 then value * 12 / (target * month_number)
            when kind = 'rate' and target > 0 then value / target
            when kind = 'growth' and target > -100 then (100 + value) / (100 + target)
        end, 9) as pace_ratio
    from measured
),

final as (
    select
        *,
        -- cumulative status from the exact pace_ratio (see the header), so 达序时 ⇔ pace_gap ≤ 0 at on_pace = 1
        case
            when value is null or target is null then null
            when kind = 'cumulative' and target <= 0 then null
            when kind = 'cumulative' and pace_ratio >= $on_pace then '达序时'
            when kind = 'cumulative' and pace_ratio >= $far_behind then '落后'
            when kind = 'cumulative' then '严重落后'
            when value >= target then '达序时'
            when kind = 'rate' and value >= target - $rate_far_behind_points then '落后'
            when kind = 'growth' and value >= target - $growth_far_behind_points then '落后'
            else '严重落后'
        end as status,
        -- Why a row has no status, so a missing figure is never read as a missing target (南湖 has a 90亿 工业投资
        -- target and no 月度指标 row: 无数据（未报送）, not 无目标). The ranking lists these per unit.
        case
            when value is not null and target is not null and (kind <> 'cumulative' or target > 0) then null
            when target is null then '无目标'
            when kind = 'rate' and denominator = 0 then '本年无签约项目'
            when kind = 'growth' and base_value is not null then '无上年同期数'
            when value is null then '无数据（未报送）'
            else '目标非正数，不评价'
        end as missing_reason
    from ratios
)

select * from final
order by snapshot_month, sort_order, metric_order
