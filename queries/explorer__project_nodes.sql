-- 推进节点 of one project in the snapshot month, plan against actual.
-- status: 按期完成 (done on or before plan), 延期完成 (done after plan), 逾期未完成 (open, plan < 月末),
--         未到期 (open, plan ≥ 月末). slip_days as in base view `nodes` (done − plan; open: 月末 − plan).
-- grain: one row per node. params: $code, $month
with project_nodes as (
    select *
    from nodes
    where project_code = $code
        and snapshot_month = $month
),

final as (
    select
        project_nodes.node,
        project_nodes.planned_on,
        project_nodes.done_on,
        project_nodes.snapshot_date,
        project_nodes.is_overdue,
        project_nodes.slip_days,
        case
            when done_on is not null and done_on <= planned_on then '按期完成'
            when done_on is not null then '延期完成'
            when is_overdue then '逾期未完成'
            else '未到期'
        end as status,
        -- standard node order (规划 … 投产); nodes outside the list go last, by plan date
        coalesce(list_position(['规划', '选址', '可研', '立项', '征地', '报建', '招标', '开工', '竣工', '投产'],
            project_nodes.node), 99) as node_order
    from project_nodes
)

select * from final
order by node_order, planned_on, node
