-- asset: derived_metrics
-- severity: error
-- description: Figures linked as the same quantity agree: WARN when their values differ beyond
--   the agreement tolerance but their intervals overlap, ERROR when the intervals do not.
--
-- Two figures that state one quantity but give values that differ
-- beyond the tolerance. Severity follows the agreement policy of the same_quantity_agreement
-- metric (macros/10_intervals.sql).
SELECT * FROM agreement_failures('same_quantity_agreement', $agreement_tolerance)
