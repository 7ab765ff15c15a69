-- 项目查询 list with the analyst's facet filters applied in SQL (issue 19 §6): the rows of explorer__projects
-- (included) for which every non-empty choice matches. The grade choice reads warnings__projects (included, with
-- its thresholds check) and the “五未” choice the month's parcels of the unit (land), each only when made.
-- Included by explorer__list (the shown rows, which adds the grade) and explorer__list_summary (count and 总投资).
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

-- projects with a warning of a chosen grade; read only when a grade is chosen
warned_chosen as (
    select project_code from warned where list_contains($grades, grade)
),

-- every warned project, read only when 无预警 is chosen
warned_any as (
    select project_code from warned where $no_warning
),

-- projects with a parcel (of the unit) in one of the chosen “五未” categories; none when none is chosen
idle_chosen as (
    select distinct land.project_code
    from land
    join units using (unit_id)
    where land.snapshot_month = $month and land.project_code is not null
        and list_contains($idle, land.five_idle)
        and ($unit = 'city' or land.unit_id = $unit)
),

-- projects with any “五未” parcel (of the unit), read only when 无“五未”地块 is chosen
idle_any as (
    select distinct land.project_code
    from land
    join units using (unit_id)
    where $idle_none and land.snapshot_month = $month and land.project_code is not null
        and land.five_idle is not null
        and ($unit = 'city' or land.unit_id = $unit)
),

final as (
    select *
    from listed
    where (len($categories) = 0 or list_contains($categories, category))
        and (len($industries) = 0 or list_contains($industries, industry))
        and (len($stages) = 0 or list_contains($stages, stage))
        and (len($sizes) = 0 or list_contains($sizes, size_tier))
        and (len($leaders) = 0 or list_contains($leaders, leader_tier))
        and ((len($grades) = 0 and not $no_warning)
            or project_code in (select project_code from warned_chosen)
            or ($no_warning and project_code not in (select project_code from warned_any)))
        and ($snail is null or coalesce(is_snail, false) = $snail)
        and ((len($idle) = 0 and not $idle_none)
            or project_code in (select project_code from idle_chosen)
            or ($idle_none and project_code not in (select project_code from idle_any)))
)

select * from final
