-- same_quantity_agreement: two figures that state the same quantity, compared.
-- "some 1,200" in the standfirst and "some 1,200" in the body should agree; value is the object
-- over the subject, gap their relative difference, severity the agreement policy
-- (macros/10_intervals.sql) with the $agreement_tolerance parameter.
SELECT
    article_id || ':' || relation_id || ':same_quantity_agreement' AS metric_id,
    article_id,
    relation_id,
    'same_quantity_agreement' AS metric,
    '''' || subject_quote || ''' and ''' || object_quote || ''' as one quantity: ' || object_what
        AS label,
    'object value / subject value' AS formula,
    as_text(object_value) || ' / ' || as_text(subject_value) || ' = ' || as_text(object_value / subject_value)
        || ' (gap ' || as_text(relative_gap(subject_value, object_value)) || ')' AS computation,
    object_value / subject_value AS value,
    interval_div_lower(object_lower, object_upper, subject_lower, subject_upper) AS lower,
    interval_div_upper(object_lower, object_upper, subject_lower, subject_upper) AS upper,
    'ratio' AS unit,
    [subject_id, object_id] AS input_figure_ids,
    relative_gap(subject_value, object_value) AS gap,
    agreement_severity(subject_value, subject_lower, subject_upper, subject_hedged,
        object_value, object_lower, object_upper, object_hedged,
        subject_rounding + object_rounding, $agreement_tolerance) AS severity,
    note AS caveat
FROM relation_figures
WHERE type = 'same_quantity' AND subject_value <> 0  -- no ratio to zero
