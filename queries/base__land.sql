-- base view `land`. grain: one parcel per snapshot month.
-- Adds the parcel's “五未” category (first that applies, in lifecycle order), since when, and for how long.
--   批而未供: approved, not supplied            供而未用: supplied, not started
--   用而未尽: started, 已开发面积 < 面积        建而未投: completed, not producing
--   投而未达规: producing, not 规上
-- A started parcel with no 已开发面积 reported is not counted as 用而未尽.
with source as (
    select * from raw_land
),

categorised as (
    select
        *,
        cast(strftime(snapshot_date, '%Y') as integer) as snapshot_year,
        case
            when supplied_on is null then '批而未供'
            when started_on is null then '供而未用'
            when developed_area is not null and developed_area < area then '用而未尽'
            when completed_on is not null and production_on is null then '建而未投'
            when production_on is not null and above_scale_on is null then '投而未达规'
        end as five_idle
    from source
),

final as (
    select
        *,
        case five_idle
            when '批而未供' then approved_on
            when '供而未用' then supplied_on
            when '用而未尽' then started_on
            when '建而未投' then completed_on
            when '投而未达规' then production_on
        end as idle_since,
        case when five_idle is not null then date_diff('month', idle_since, snapshot_date) end as idle_months,
        case when five_idle is not null then area - coalesce(case when five_idle = '用而未尽'
            then developed_area end, 0) end as idle_area
    from categorised
)

select * from final
