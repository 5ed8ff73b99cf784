-- same_quantity_figures_agree: two figures that state one quantity but give values that differ
-- beyond the tolerance. Severity follows the agreement policy of the same_quantity_agreement
-- metric (macros/10_intervals.sql).
SELECT * FROM agreement_failures('same_quantity_agreement', $agreement_tolerance)
