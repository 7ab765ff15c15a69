-- 蜗牛项目 month over month against the previous project snapshot (the newest before $month).
-- 新增: 蜗牛 now, not 蜗牛 last time (or not in the library last time). 销号: 蜗牛 last time, not now —
-- 已开工 (was 开工滞后, has started), 已竣工 (was 竣工滞后, has completed), 移出项目库 (no longer listed),
-- otherwise 合同日期调整. No rows without an earlier snapshot.
-- 类型/合同日期/滞后月数: as in snail__projects, from the snapshot in which the project is 蜗牛.
-- Derived at import (int__project_changes.sql): this opens only the month's file of changes.
-- grain: one row per project that became or stopped being 蜗牛. params: $month, $unit
with changed as (
    select
        project_code, project_name, unit_id,
        snail_change as change,
        snail_type,
        contract_on,
        months_late,
        snail_detail as detail,
        prev_month
    from project_changes
    where snapshot_month = $month and snail_change is not null
),

final as (
    select
        changed.* exclude (prev_month),
        units.unit_name,
        units.sort_order,
        changed.prev_month
    from changed
    join units using (unit_id)
    where ($unit = 'city' or changed.unit_id = $unit)
)

select * from final
order by change, sort_order, project_code
