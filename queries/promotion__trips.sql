-- 一把手招商 活动清单 of $month: every row of the month's 招商活动 (an enterprise met on a trip), with the signed
-- project's name and 总投资. $unit: a unit id, or 'city' for all. grain: one row per 招商活动 row.
with final as (
    select
        facts.*,
        units.unit_name,
        units.unit_short,
        units.sort_order
    from promotion_facts as facts
    join units using (unit_id)
    where facts.snapshot_month = $month
        and ($unit = 'city' or facts.unit_id = $unit)
)

select * from final
order by sort_order, visited_on, leader, enterprise
