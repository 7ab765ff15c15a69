-- 督查核查 figures of $month per unit (the nine, then 全市 as unit_id 'city'):
--   due_rows 应核查 (project × 核查类型 with its date in the month), checked 已核查 (a 核查结论 imported: 属实 +
--   不属实 + 待核), confirmed 属实, refuted 不属实, pending 待核, unchecked 未核查 (no row imported),
--   completion_rate = checked ÷ due_rows.
--   overdue 逾期未核查: a unit with 未核查 rows once the month's due date has passed; the due date is
--   day $due_day of the next month, read at the snapshot date of the next month when it exists, else at $today.
-- grain: one row per unit + one 全市 row. params: $month, $today (the day the page is read), $due_day.
with facts as (
    select * from inspection_facts where snapshot_month = $month
),

counts as (
    select
        coalesce(unit_id, 'city') as unit_id,
        count(*) as due_rows,
        count(*) filter (where verdict is not null) as checked,
        count(*) filter (where verdict = '属实') as confirmed,
        count(*) filter (where verdict = '不属实') as refuted,
        count(*) filter (where verdict = '待核') as pending,
        count(*) filter (where verdict is null) as unchecked
    from facts
    group by grouping sets ((unit_id), ())
),

dates as (
    select
        strftime(cast($month || '-01' as date) + interval 1 month, '%Y-%m') as next_month,
        cast(cast($month || '-01' as date) + interval 1 month + (cast($due_day as integer) - 1) * interval 1 day
            as date) as due_on
),

read_at as (
    select
        dates.due_on,
        coalesce((select max(snapshot_date) from snapshot_periods
                  where snapshot_month = dates.next_month), cast($today as date)) as read_on,
        exists (select 1 from snapshot_periods
                where table_name = 'inspections' and snapshot_month = $month) as imported
    from dates
),

final as (
    select
        all_units.*,
        $month as snapshot_month,
        coalesce(counts.due_rows, 0) as due_rows,
        coalesce(counts.checked, 0) as checked,
        coalesce(counts.confirmed, 0) as confirmed,
        coalesce(counts.refuted, 0) as refuted,
        coalesce(counts.pending, 0) as pending,
        coalesce(counts.unchecked, 0) as unchecked,
        case when counts.due_rows > 0 then counts.checked / counts.due_rows end as completion_rate,
        read_at.read_on > read_at.due_on and coalesce(counts.due_rows - counts.checked, 0) > 0 as overdue,
        read_at.due_on,
        read_at.read_on,
        read_at.imported
    from all_units
    cross join read_at
    left join counts using (unit_id)
)

select * from final
order by unit_id = 'city', sort_order
