-- int__shared_names, derived at import (cockpit/derive.py), read as the view `shared_names`: the month's 项目库
-- rows the duplicate check (统筹, issue 19 §4) compares. cockpit/names.py: shared_across_units then adds name_key
-- (the normalised name: NFKC and patterns, in polars) and keeps the projects whose key is in two units or more.
-- grain: one project per snapshot month (before the Python step).
select
    snapshot_month,
    snapshot_date,
    project_code,
    project_name,
    unit_id,
    signed_on,
    total_investment
from raw_projects
