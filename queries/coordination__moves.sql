-- 统筹: projects moving between units (横向转移) in the year of $month up to $month, month by month.
-- For every project snapshot month m of that year (≤ $month) and the project snapshot before it (p, possibly last
-- December), from the base view `projects`:
--   change_unit  the 项目代码 is in both, with another 县级主体 in m than in p
--   disappeared  the 项目代码 is in p and not in m, and had not reached 投产 in p (no 投产日期)
-- Both months' rows are given (*_before from p, *_after from m; null after a disappearance). One pass: each
-- project's next row (lead over its snapshots) is compared with the next snapshot month, no self-join.
-- grain: one row per project and month of change. params: $month
with months as (
    select
        snapshot_month,
        lead(snapshot_month) over (order by snapshot_month) as next_month
    from (select distinct snapshot_month from snapshot_periods where table_name = 'projects')
),

window_months as (
    select *
    from months
    where next_month <= $month
        and left(next_month, 4) = left($month, 4)
),

scope as (
    select
        project_code, project_name, unit_id, snapshot_month, total_investment, signed_on, stage, production_on,
        lead(snapshot_month) over w as seen_next,
        lead(unit_id) over w as unit_next,
        lead(project_name) over w as name_next,
        lead(total_investment) over w as investment_next,
        lead(stage) over w as stage_next
    from projects
    where snapshot_month <= $month
        and snapshot_month >= (select min(snapshot_month) from window_months)
    window w as (partition by project_code order by snapshot_month)
),

paired as (
    select
        window_months.next_month as month_after,
        scope.snapshot_month as month_before,
        scope.project_code,
        scope.project_name as name_before,
        scope.unit_id as unit_before,
        scope.total_investment as investment_before,
        scope.stage as stage_before,
        scope.production_on as production_before,
        case when scope.seen_next = window_months.next_month then scope.name_next end as name_after,
        case when scope.seen_next = window_months.next_month then scope.unit_next end as unit_after,
        case when scope.seen_next = window_months.next_month then scope.investment_next end as investment_after,
        case when scope.seen_next = window_months.next_month then scope.stage_next end as stage_after,
        scope.signed_on
    from scope
    join window_months using (snapshot_month)
    -- a project absent from the next snapshot, or present there under another unit
    where scope.seen_next is distinct from window_months.next_month
        or scope.unit_next <> scope.unit_id
),

final as (
    select
        paired.month_after as snapshot_month,
        paired.month_before as prev_month,
        case when paired.unit_after is null then 'disappeared' else 'change_unit' end as move_kind,
        case when paired.unit_after is null then '移出项目库（未投产）' else '县级主体变更' end as move_label,
        paired.project_code,
        paired.name_before,
        paired.name_after,
        paired.unit_before,
        before_units.unit_name as unit_name_before,
        paired.unit_after,
        after_units.unit_name as unit_name_after,
        paired.investment_before / 10000 as investment_before_yi,
        paired.investment_after / 10000 as investment_after_yi,
        paired.stage_before,
        paired.stage_after,
        paired.signed_on
    from paired
    join units as before_units on before_units.unit_id = paired.unit_before
    left join units as after_units on after_units.unit_id = paired.unit_after
    where (paired.unit_after is not null and paired.unit_after <> paired.unit_before)
        or (paired.unit_after is null and paired.production_before is null)
)

select * from final
order by snapshot_month, move_kind, project_code
