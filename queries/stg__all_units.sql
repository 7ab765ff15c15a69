-- staging view `all_units`: the nine 县级主体 in the official order (sort_order 1–9, from the reference table
-- `units`) and 全市 (unit_id 'city', sort_order 0: first when sorted). A mart that lists every unit and 全市 reads
-- this; one that puts 全市 last orders by unit_id = 'city' first. grain: one row per unit, plus 全市.
select unit_id, unit_name, unit_short, sort_order from units
union all
select 'city', '全市', '全市', 0
