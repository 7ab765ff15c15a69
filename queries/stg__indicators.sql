-- staging view `indicators` (rename, cast, 同比). grain: one 月度指标 of one unit (or 全市 = 'city') per snapshot month.
-- Values are year-to-date in the storage unit (万元 / 万美元); growth is 同比.
select
    *,
    cast(left(month, 4) as integer) as year,
    case when value_prior_ytd > 0 then value_ytd / value_prior_ytd - 1 end as growth
from raw_indicators
