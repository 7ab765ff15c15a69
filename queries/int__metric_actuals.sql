-- int__metric_actuals: the actual value of every computed target metric per unit (the nine, plus 'city' = 全市)
-- for ONE snapshot month, derived at import (cockpit/derive.py) over that month's `projects` and `land` facts, so
-- the progress mart reads ~10 × 12 rows a month instead of every project of two years.
-- The counting rules (口径) are written in the header of progress__by_metric.sql, the one mart that reads this.
-- grain: one row per snapshot month × unit × source_name (the metric key of a computed metric);
-- source_table says which table the figure comes from ('projects' or 'land'): a month without that table has no
-- rows of it, and the mart shows null rather than 0 for it.
-- 开工/竣工/投产 (and 新投产达规 / 新竣工达产, which rest on 投产 / 竣工) leave out projects whose 督查核查 verdict of
-- that type is 不属实 and stands (int__inspection_standing.sql; [inspection] exclude_refuted switches it).
with refuted as (
    -- issue 18: a standing 不属实 verdict leaves the project out of that type's figures (inspection_standing)
    select
        project_code,
        bool_or(check_type = '开工') as refuted_start,
        bool_or(check_type = '竣工') as refuted_completion,
        bool_or(check_type = '投产') as refuted_production
    from inspection_standing
    where excluded
    group by project_code
),

project_facts as (
    select
        snapshot_month,
        unit_id,
        is_above_100m,
        is_major_foreign,
        size_tier,
        year(signed_on) = year(snapshot_date) and signed_on <= snapshot_date as signed_in_year,
        registered_on <= snapshot_date as registered,
        year(started_on) = year(snapshot_date) and started_on <= snapshot_date
            and not coalesce(refuted_start, false) as started_in_year,
        year(completed_on) = year(snapshot_date) and completed_on <= snapshot_date
            and not coalesce(refuted_completion, false) as completed_in_year,
        year(production_on) = year(snapshot_date) and production_on <= snapshot_date
            and not coalesce(refuted_production, false) as producing_in_year,
        year(above_scale_on) = year(snapshot_date) and above_scale_on <= snapshot_date as above_scale_in_year,
        year(full_capacity_on) = year(snapshot_date) and full_capacity_on <= snapshot_date
            as full_capacity_in_year,
        -- 新投产达规 / 新竣工达产: the plan names no size; a setting can restrict them to 亿元以上 like 开工/竣工/投产
        is_above_100m or not (select milestones_above_100m_only from settings) as milestone_size_ok
    from projects
    left join refuted using (project_code)
),

project_counts as (
    select
        snapshot_month,
        coalesce(unit_id, 'city') as unit_id,
        count(*) filter (where signed_in_year and is_above_100m) as projects_above_100m,
        count(*) filter (where signed_in_year and is_major_foreign) as major_foreign_projects,
        count(*) filter (where signed_in_year and size_tier = '百亿级') as projects_10b,
        count(*) filter (where signed_in_year and size_tier = '50–100亿元') as projects_5b_10b,
        count(*) filter (where signed_in_year and size_tier = '10–50亿元') as projects_1b_5b,
        count(*) filter (where is_above_100m and started_in_year) as starts,
        count(*) filter (where is_above_100m and completed_in_year) as completions,
        count(*) filter (where is_above_100m and producing_in_year) as productions,
        count(*) filter (where producing_in_year and above_scale_in_year and milestone_size_ok) as new_above_scale,
        count(*) filter (where completed_in_year and full_capacity_in_year and milestone_size_ok)
            as new_full_capacity,
        count(*) filter (where signed_in_year and registered) as signed_registered,
        count(*) filter (where signed_in_year) as signed
    from project_facts
    group by grouping sets ((snapshot_month, unit_id), (snapshot_month))
),

project_values as (
    select snapshot_month, unit_id, source_name, cast(value as double) as value,
        null::double as numerator, null::double as denominator
    from (
        unpivot project_counts
        on projects_above_100m, major_foreign_projects, projects_10b, projects_5b_10b, projects_1b_5b,
            starts, completions, productions, new_above_scale, new_full_capacity
        into name source_name value value
    )
    union all
    select snapshot_month, unit_id, 'registration_rate',
        case when signed > 0 then round(100.0 * signed_registered / signed, 9) end,
        signed_registered, signed
    from project_counts
),

land_values as (
    select
        snapshot_month,
        coalesce(unit_id, 'city') as unit_id,
        'new_industrial_land' as source_name,
        -- 产业用地 is the configured 土地用途 only (科教, 商务金融 … parcels are not 产业用地)
        coalesce(sum(area) filter (
            where year(supplied_on) = year(snapshot_date) and supplied_on <= snapshot_date
                and list_contains((select industrial_land_uses from settings), land_use)), 0) as value
    from land
    group by grouping sets ((snapshot_month, unit_id), (snapshot_month))
),

final as (
    select project_values.*, 'projects' as source_table, month_dates.snapshot_date
    from project_values
    join (select distinct snapshot_month, snapshot_date from projects) as month_dates using (snapshot_month)
    union all
    select land_values.*, null::double as numerator, null::double as denominator, 'land' as source_table,
        month_dates.snapshot_date
    from land_values
    join (select distinct snapshot_month, snapshot_date from land) as month_dates using (snapshot_month)
)

select * from final
