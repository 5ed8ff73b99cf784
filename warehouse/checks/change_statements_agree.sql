-- asset: derived_metrics
-- severity: warn
-- description: Two statements of one change (a multiplier such as 'twice as many' and a percent
--   change such as '116 percent') give the same growth factor: WARN when they differ beyond the
--   agreement tolerance but their intervals overlap, ERROR when the intervals do not.
--
-- Two statements of one change ("twice as many", "116 percent") whose
-- growth factors differ beyond the tolerance. Severity follows the agreement policy of the
-- change_agreement metric (macros/10_intervals.sql).
SELECT * FROM agreement_failures('change_agreement', $agreement_tolerance)
