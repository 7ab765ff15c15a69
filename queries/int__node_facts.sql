-- int__node_facts, derived at import (cockpit/derive.py), read as the view `nodes`. grain: one 推进节点 of one project per snapshot month.
-- Adds: whether it is overdue (planned date passed, not done) and the slip in days
-- (done late: done − planned; open: snapshot date − planned).
select
    *,
    done_on is null and planned_on < snapshot_date as is_overdue,
    case
        when done_on is not null then date_diff('day', planned_on, done_on)
        else date_diff('day', planned_on, snapshot_date)
    end as slip_days
from raw_nodes
