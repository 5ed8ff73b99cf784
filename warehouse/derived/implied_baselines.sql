-- implied_baseline: the value a stated change started from.
-- "116 percent" more than a baseline gives 1,200  =>  baseline = 1,200 / (1 + 116 / 100).
-- "twice as many" as a baseline gives 1,200       =>  baseline = 1,200 / 2.
-- The interval divides the object's interval by the interval of the growth factor.
SELECT
    article_id || ':' || relation_id || ':implied_baseline' AS metric_id,
    article_id,
    relation_id,
    'implied_baseline' AS metric,
    coalesce(baseline, object_what || ', before the change') AS label,
    CASE type
        WHEN 'percent_change' THEN 'value after the change / (1 + percent change / 100)'
        ELSE 'value after the change / multiplier'
    END AS formula,
    CASE type
        WHEN 'percent_change' THEN as_text(object_value) || ' / (1 + ' || as_text(subject_value) || ' / 100)'
        ELSE as_text(object_value) || ' / ' || as_text(subject_value)
    END || ' = ' || as_text(object_value / change_factor(type, subject_value)) AS computation,
    object_value / change_factor(type, subject_value) AS value,
    baseline_lower(type, object_lower, object_upper, subject_lower, subject_upper) AS lower,
    baseline_upper(type, object_lower, object_upper, subject_lower, subject_upper) AS upper,
    object_unit AS unit,
    [subject_id, object_id] AS input_figure_ids,
    NULL AS gap,
    NULL AS severity,
    note AS caveat
FROM relation_figures
WHERE type IN ('percent_change', 'multiple_of')
    AND change_factor(type, subject_value) <> 0  -- "down 100 percent" implies no baseline
