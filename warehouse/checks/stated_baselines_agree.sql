-- asset: derived_metrics
-- severity: error
-- description: A change that names the figure it starts from ('doubles to $6 million from $2.5
--   million') takes it to the stated value: WARN when the stated baseline and the one the change
--   implies differ beyond the agreement tolerance but their intervals overlap, ERROR when the
--   intervals do not (x2 to 6 starts from 3, not 2.5).
--
-- The stated baseline of a change against the baseline the change implies (metric
-- baseline_agreement). Severity follows the agreement policy (macros/10_intervals.sql).
SELECT * FROM agreement_failures('baseline_agreement', $agreement_tolerance)
