-- int__parcel_facts, derived at import (cockpit/derive.py), read as the view `land`. grain: one parcel per snapshot month.
-- Adds the parcel's “五未” category, since when, for how long, and its place in the reconciliation
--   地块总数 = Σ五类 + 已达规 + 数据不全 (idle_status; the “五未”土地 page shows it).
-- Every parcel is in exactly one category by the furthest lifecycle step it has reached, or explicitly out:
--   批而未供: approved, not supplied            供而未用: supplied, not started
--   用而未尽: started, not completed            建而未投: completed, not producing
--   投而未达规: producing, not 规上              out: 已达规 (达规日期 given)
--   out: 数据不全 when a later date is given without the one before it (e.g. 竣工日期 without 开工日期), so the
--   step cannot be told; data_gap names the missing date. The importer rejects such rows, so only data written
--   around it can have them, but they are listed rather than dropped.
-- Area counted (idle_area): 用而未尽 the undeveloped part (面积 − 已开发面积) when 已开发面积 is given, else the whole
-- parcel, flagged developed_area_missing (已开发面积未填); the other categories the whole parcel. A completed parcel
-- goes by its stage (建而未投, 投而未达规) even if its 已开发面积 is below its 面积, never back to 用而未尽.
-- (Before issue 10, started uncompleted parcels with a blank 已开发面积 fell into no category: 164 parcels,
-- 15,128.9亩 on the sample in 2020-12.)
with source as (
    select * from raw_land
),

checked as (
    select
        *,
        cast(strftime(snapshot_date, '%Y') as integer) as snapshot_year,
        case
            when above_scale_on is not null and production_on is null then '有达规日期，投产日期未填'
            when production_on is not null and completed_on is null then '有投产日期，竣工日期未填'
            when completed_on is not null and started_on is null then '有竣工日期，开工日期未填'
            when started_on is not null and supplied_on is null then '有开工日期，供地日期未填'
            when supplied_on is null and approved_on is null then '批准日期、供地日期均未填'
        end as data_gap
    from source
),

categorised as (
    select
        *,
        case
            when data_gap is not null then null
            when supplied_on is null then '批而未供'
            when started_on is null then '供而未用'
            when completed_on is null then '用而未尽'
            when production_on is null then '建而未投'
            when above_scale_on is null then '投而未达规'
        end as five_idle
    from checked
),

final as (
    select
        *,
        coalesce(five_idle, case when data_gap is not null then '数据不全' else '已达规' end) as idle_status,
        coalesce(five_idle = '用而未尽', false) and developed_area is null as developed_area_missing,
        case five_idle
            when '批而未供' then approved_on
            when '供而未用' then supplied_on
            when '用而未尽' then started_on
            when '建而未投' then completed_on
            when '投而未达规' then production_on
        end as idle_since,
        case when five_idle is not null then date_diff('month', idle_since, snapshot_date) end as idle_months,
        case
            when five_idle = '用而未尽' then greatest(area - coalesce(developed_area, 0), 0)
            when five_idle is not null then area
        end as idle_area
    from categorised
)

select * from final
