-- 项目查询 list with the analyst's facet filters applied in SQL (issue 19 §6): explorer__projects (included) with
-- each project's warning grade and reasons (warnings__projects, included with its thresholds check) and the
-- “五未” categories of its parcels in the unit (land of the month), kept when every non-empty choice matches.
-- Included by explorer__list (the shown rows) and explorer__list_summary (count and 总投资); not run alone.
-- The choices: lists of values (empty = all) for 项目类别, 所属产业, 阶段, 规模, 联系领导; $grades (红/黄/蓝)
-- with $no_warning (also keep projects without a warning); $snail (null = all, true = 蜗牛 only, false = the
-- others); $idle (“五未” categories: any of its parcels in one of them) with $idle_none (also keep projects without
-- a “五未” parcel).
-- grain: one row per matching project in $month.
-- params: $month, $unit, $search, $categories, $industries, $stages, $sizes, $leaders, $grades, $no_warning,
--         $snail, $idle, $idle_none, and the thresholds of warnings__projects
with listed as (
-- @include explorer__projects
),

warned as (
-- @include warnings__projects
),

idle_land as (
    select
        land.project_code,
        list_sort(list(distinct land.five_idle)) as idle_categories
    from land
    join units using (unit_id)
    where land.snapshot_month = $month and land.five_idle is not null and land.project_code is not null
        and ($unit = 'city' or land.unit_id = $unit)
    group by land.project_code
),

joined as (
    select
        listed.*,
        warned.grade as warning_grade,
        warned.reasons as warning_reasons,
        coalesce(idle_land.idle_categories, []::varchar[]) as idle_categories
    from listed
    left join warned using (project_code)
    left join idle_land using (project_code)
),

final as (
    select *
    from joined
    where (len($categories) = 0 or list_contains($categories, category))
        and (len($industries) = 0 or list_contains($industries, industry))
        and (len($stages) = 0 or list_contains($stages, stage))
        and (len($sizes) = 0 or list_contains($sizes, size_tier))
        and (len($leaders) = 0 or list_contains($leaders, leader_tier))
        and ((len($grades) = 0 and not $no_warning)
            or list_contains($grades, warning_grade)
            or ($no_warning and warning_grade is null))
        and ($snail is null or coalesce(is_snail, false) = $snail)
        and ((len($idle) = 0 and not $idle_none)
            or list_has_any(idle_categories, $idle)
            or ($idle_none and len(idle_categories) = 0))
)

select * from final
