-- int__project_warnings, derived at import (cockpit/derive.py) for each month with the thresholds of
-- config/cockpit.toml [warnings]; pages read it through warnings__projects.sql.
-- 分级预警 (graded warnings) of the snapshot month. A project's grade is the worst of its signals, 红 > 黄 > 蓝;
-- every signal carries a Chinese reason. Thresholds come from config/cockpit.toml [warnings] (documented there),
-- passed in by cockpit/derive.py (the same values cockpit.views.snail_warnings.warning_params() gives).
-- Signal 1, 推进节点 (base view `nodes`; D = the snapshot month's last day; months are full calendar months):
--   逾期未完成  open node with 计划完成日期 < D: overdue ≥ $node_red_months months → 红,
--               else overdue ≥ $node_yellow_days days → 黄.         “节点‘报建’逾期4个月未完成”
--   晚于计划完成 node done ≥ $node_yellow_days days after plan, done in the last $node_late_recent_months
--               months (the snapshot month included) → 黄.         “节点‘可研’晚于计划2个月完成”
--   即将到期    open node with D ≤ 计划完成日期 ≤ D + $node_blue_days days → 蓝.  “节点‘招标’将于2020-07-15到期”
--   Per project and kind, the reason names the worst node (largest slip; soonest due) and how many more.
-- Signal 2, 本年投资 behind the time-progress plan (base view `projects`):
--   序时计划 = 总投资 × 合同工期中本年1月1日至D的天数 ÷ 合同工期天数 (总投资 spread evenly, day by day, from
--   合同开工日期 to 合同竣工日期, both included); 完成比 = 本年完成投资 ÷ 序时计划.
--   完成比 < $investment_red → 红, < $investment_yellow → 黄.          “本年完成投资为序时计划的52%”
--   Judged only for projects not yet completed, with 总投资 > 0, both contract dates, 本年完成投资 reported,
--   part of the contract period falling between 1 January and D, and at least $min_days_elapsed days since the
--   plan start (D − 合同开工日期 ≥ $min_days_elapsed: a few days in, the plan is a few days' spending). The % shown
--   is rounded down, so a shown 60% is never red at a 60% threshold.
-- Signal 3, 问题清单 (view `problems`, states derived by int__problem_facts.sql with [problems]):
--   an open problem 严重超期 → 红, 超期 → 黄.      “问题超期：用地（责任单位 市自然资源和规划局，超期42天）”
--   The reason names the longest overdue problem and how many of the project's problems are overdue.
-- grain: one row per project with a warning in $month.
-- params: $month, $node_yellow_days, $node_red_months, $node_late_recent_months, $node_blue_days,
--         $investment_yellow, $investment_red, $min_days_elapsed
with month_projects as (
    select *
    from projects
    where snapshot_month = $month
),

node_facts as (
    select
        nodes.project_code,
        nodes.node,
        nodes.planned_on,
        nodes.done_on,
        nodes.slip_days,
        case
            when nodes.is_overdue then 'overdue'
            when nodes.done_on is not null and nodes.slip_days >= $node_yellow_days
                and date_diff('month', nodes.done_on, nodes.snapshot_date) < $node_late_recent_months then 'late'
            when nodes.done_on is null and date_diff('day', nodes.snapshot_date, nodes.planned_on)
                between 0 and $node_blue_days then 'due'
        end as kind,
        case when nodes.done_on is null then date_diff('month', nodes.planned_on, nodes.snapshot_date)
            else date_sub('month', nodes.planned_on, nodes.done_on) end as slip_months
    from nodes
    where nodes.snapshot_month = $month
),

graded_nodes as (
    select
        *,
        case
            when kind = 'overdue' and slip_months >= $node_red_months then 1
            when kind = 'overdue' and slip_days >= $node_yellow_days then 2
            when kind = 'late' then 2
            when kind = 'due' then 3
        end as grade_order
    from node_facts
    where kind is not null
),

node_signals as (
    select
        *,
        case when slip_months >= 1 then slip_months || '个月' else slip_days || '天' end as slip_text,
        -- the worst node of its kind: the largest slip (for 即将到期, slip is negative: the soonest due)
        row_number() over (partition by project_code, kind order by slip_days desc, node) as rank_in_kind,
        count(*) over (partition by project_code, kind) as nodes_in_kind
    from graded_nodes
    where grade_order is not null
),

node_reasons as (
    select
        project_code,
        kind,
        grade_order,
        '节点‘' || node || '’'
            || case kind
                when 'overdue' then '逾期' || slip_text || '未完成'
                when 'late' then '晚于计划' || slip_text || '完成'
                else '将于' || strftime(planned_on, '%Y-%m-%d') || '到期'
            end
            || case when nodes_in_kind > 1 then
                '（共' || nodes_in_kind || '个节点' || case kind when 'overdue' then '逾期未完成'
                    when 'late' then '晚于计划完成' else '即将到期' end || '）'
                else '' end as reason
    from node_signals
    where rank_in_kind = 1
),

node_details as (
    select
        project_code,
        min(grade_order) as node_grade_order,
        count(*) filter (where kind = 'overdue') as overdue_nodes,
        max(slip_days) filter (where kind = 'overdue') as max_overdue_days,
        max(slip_months) filter (where kind = 'overdue') as max_overdue_months,
        count(*) filter (where kind = 'late') as late_nodes,
        count(*) filter (where kind = 'due') as due_soon_nodes
    from node_signals
    group by project_code
),

investment_days as (
    select
        project_code,
        investment_this_year,
        total_investment,
        date_diff('day', greatest(contract_start_on, make_date(snapshot_year, 1, 1)),
                  least(contract_completion_on, snapshot_date)) + 1 as plan_days,
        date_diff('day', contract_start_on, contract_completion_on) + 1 as contract_days
    from month_projects
    where completed_on is null
        and total_investment > 0
        and contract_start_on is not null
        and contract_completion_on >= contract_start_on
        and investment_this_year is not null
        and contract_start_on <= snapshot_date
        and contract_completion_on >= make_date(snapshot_year, 1, 1)
        and date_diff('day', contract_start_on, snapshot_date) >= $min_days_elapsed
),

investment_pace as (
    select
        project_code,
        investment_this_year,
        total_investment * plan_days / contract_days as investment_plan_to_date,
        -- exact pace (issue 10 item 1): invested × contract days ÷ (总投资 × plan days), one division, rounded to
        -- 9 decimals, so a project exactly at 80% of plan is 80%, not 79.99999999999999% and 黄
        round(investment_this_year * contract_days / (total_investment * plan_days), 9) as investment_ratio
    from investment_days
),

investment_signals as (
    select
        *,
        case
            when investment_ratio < $investment_red then 1
            when investment_ratio < $investment_yellow then 2
        end as grade_order,
        '本年完成投资为序时计划的' || cast(floor(round(investment_ratio * 100, 6)) as bigint) || '%' as reason
    from investment_pace
),

overdue_problems as (
    select
        project_code,
        problem_type,
        department,
        days_overdue,
        is_escalated,
        row_number() over (partition by project_code order by days_overdue desc, problem_id) as rank_in_project,
        count(*) over (partition by project_code) as problems_overdue,
        max(days_overdue) over (partition by project_code) as max_problem_overdue_days
    from problems
    where snapshot_month = $month and is_overdue
),

problem_signals as (
    select
        project_code,
        case when is_escalated then 1 else 2 end as grade_order,
        problems_overdue,
        max_problem_overdue_days,
        '问题超期：' || problem_type || '（责任单位 ' || department || '，超期' || days_overdue || '天）'
            || case when problems_overdue > 1 then '（共' || problems_overdue || '个问题超期）' else '' end as reason
    from overdue_problems
    where rank_in_project = 1
),

signals as (
    select project_code, 'node' as signal, kind, grade_order, reason from node_reasons
    union all
    select project_code, 'investment', 'investment', grade_order, reason
    from investment_signals
    where grade_order is not null
    union all
    select project_code, 'problem', 'problem', grade_order, reason from problem_signals
),

graded as (
    select
        project_code,
        min(grade_order) as grade_order,
        count(*) as signal_count,
        string_agg(reason, '；' order by grade_order,
            case kind when 'overdue' then 1 when 'problem' then 2 when 'investment' then 3 when 'late' then 4
                else 5 end) as reasons
    from signals
    group by project_code
),

final as (
    select
        month_projects.snapshot_month,
        graded.project_code,
        month_projects.project_name,
        month_projects.unit_id,
        units.unit_name,
        units.sort_order,
        case graded.grade_order when 1 then '红' when 2 then '黄' else '蓝' end as grade,
        graded.grade_order,
        graded.reasons,
        graded.signal_count,
        case node_details.node_grade_order when 1 then '红' when 2 then '黄' when 3 then '蓝' end as node_grade,
        coalesce(node_details.overdue_nodes, 0) as overdue_nodes,
        node_details.max_overdue_days,
        node_details.max_overdue_months,
        coalesce(node_details.late_nodes, 0) as late_nodes,
        coalesce(node_details.due_soon_nodes, 0) as due_soon_nodes,
        case investment_signals.grade_order when 1 then '红' when 2 then '黄' end as investment_grade,
        investment_signals.investment_this_year,
        investment_signals.investment_plan_to_date,
        investment_signals.investment_ratio,
        case problem_signals.grade_order when 1 then '红' when 2 then '黄' end as problem_grade,
        coalesce(problem_signals.problems_overdue, 0) as overdue_problems,
        problem_signals.max_problem_overdue_days
    from graded
    join month_projects using (project_code)
    join units on units.unit_id = month_projects.unit_id
    left join node_details using (project_code)
    left join investment_signals using (project_code)
    left join problem_signals using (project_code)
)

select * from final
order by grade_order, sort_order, project_code
