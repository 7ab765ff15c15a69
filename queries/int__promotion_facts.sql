-- int__promotion_facts, derived at import (cockpit/derive.py), read as the view `promotion_facts`.
-- grain: one row per 招商活动 row (an enterprise met on a trip; a trip is 县级主体 + 出访日期 + 带队领导) of the
-- snapshot month, with the signed project's 总投资 when 签约项目代码 names one (the import checked it is the unit's).
with final as (
    select
        trips.snapshot_month,
        trips.snapshot_date,
        trips.unit_id,
        trips.visited_on,
        trips.leader,
        trips.leader_role,
        trips.leader_role = '党政主要领导' as is_main_leader,
        trips.destination,
        trips.enterprise,
        trips.outcome,
        trips.signed_project_code,
        signed.project_name as signed_project_name,
        signed.total_investment as signed_investment
    from raw_promotions as trips
    left join projects as signed on signed.project_code = trips.signed_project_code
)

select * from final
