-- 统筹 疑似重复招引 (issue 19 §4): normalised names found in two units or more and shared by more than
-- $max_projects of the month's projects: too generic to point at one investor (“新材料”), named, not paired.
-- grain: one row per name_key. params: $month, $max_projects
select
    name_key,
    count(*) as projects
from shared_names
where snapshot_month = $month and sharing > $max_projects
group by name_key
order by projects desc, name_key
