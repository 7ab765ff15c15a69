-- 督查核查 核查清单 of $month: every project × 核查类型 whose 实际开工日期 / 实际竣工日期 / 投产日期 falls in the month
-- (应核查), with the verdict imported for it (null: 未核查). $unit: a unit id, or 'city' for all nine.
-- grain: one row per project × 核查类型 (from inspection_facts, derived at import).
with final as (
    select
        facts.*,
        units.unit_name,
        units.unit_short,
        units.sort_order
    from inspection_facts as facts
    join units using (unit_id)
    where facts.snapshot_month = $month
        and ($unit = 'city' or facts.unit_id = $unit)
)

select * from final
order by sort_order, type_order, event_on, project_code
