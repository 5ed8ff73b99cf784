-- change_statements_agree: two statements of one change ("twice as many", "116 percent") whose
-- growth factors differ beyond the tolerance. Severity follows the agreement policy of the
-- change_agreement metric (macros/10_intervals.sql).
SELECT * FROM agreement_failures('change_agreement', $agreement_tolerance)
