-- 内税: the tax contained in a tax-included total at rate_percent %, rounded toward zero (切り捨て), once per rate
-- per invoice (消費税法57条の4) — the rule of @catv/contracts/invoice-tax (includedTax), which SQLite's
-- included_tax() calls. PostgreSQL's integer division truncates toward zero, as Math.trunc does.
CREATE OR REPLACE FUNCTION included_tax(total_yen bigint, rate_percent integer) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (total_yen * rate_percent) / (100 + rate_percent) $$;
