-- baseline_agreement: the baseline a change implies, compared with the one the text states.
-- "Spending doubles to $6 million from $2.5 million": x2 to 6 implies 3, the text says 2.5.
-- value is the stated baseline over the implied one, gap their relative difference, severity
-- the agreement policy (macros/10_intervals.sql) with the $agreement_tolerance parameter:
-- 'error' when the stated baseline lies outside the interval the change and its hedges allow.
WITH changes AS (
    SELECT
        *,
        object_value / change_factor(type, subject_value) AS implied,
        baseline_lower(type, object_lower, object_upper, subject_lower, subject_upper)
            AS implied_lower,
        baseline_upper(type, object_lower, object_upper, subject_lower, subject_upper)
            AS implied_upper
    FROM relation_figures
    WHERE type IN ('percent_change', 'multiple_of')
        AND baseline_id IS NOT NULL
        AND change_factor(type, subject_value) <> 0  -- "down 100 percent" implies no baseline
        AND baseline_value <> 0  -- no ratio to zero
)
SELECT
    article_id || ':' || relation_id || ':baseline_agreement' AS metric_id,
    article_id,
    relation_id,
    'baseline_agreement' AS metric,
    '''' || subject_quote || ''' to ''' || object_quote || ''' from ''' || baseline_quote || ''''
        AS label,
    'stated baseline / implied baseline (value after the change / growth factor)' AS formula,
    as_text(object_value) || ' / ' || as_text(change_factor(type, subject_value)) || ' = '
        || as_text(implied) || ' implied, ' || as_text(baseline_value) || ' stated: '
        || as_text(baseline_value) || ' / ' || as_text(implied) || ' = '
        || as_text(baseline_value / implied) || ' (gap ' || as_text(relative_gap(implied, baseline_value))
        || ')' AS computation,
    baseline_value / implied AS value,
    interval_div_lower(baseline_lower, baseline_upper, implied_lower, implied_upper) AS lower,
    interval_div_upper(baseline_lower, baseline_upper, implied_lower, implied_upper) AS upper,
    'ratio' AS unit,
    [subject_id, object_id, baseline_id] AS input_figure_ids,
    relative_gap(implied, baseline_value) AS gap,
    agreement_severity(relative_gap(implied, baseline_value),
        implied_lower, implied_upper, baseline_lower, baseline_upper, $agreement_tolerance)
        AS severity,
    note AS caveat
FROM changes
