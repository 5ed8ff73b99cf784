-- share_of_whole: what fraction of a whole one of its parts is.
-- "Four hundred of them" of "some 1,200"  =>  400 / 1,200.
-- A part cannot exceed its whole, so the upper bound is capped at 1.
SELECT
    article_id || ':' || relation_id || ':share_of_whole' AS metric_id,
    article_id,
    relation_id,
    'share_of_whole' AS metric,
    'share of ' || object_what || ' that is ' || subject_what AS label,
    'part / whole' AS formula,
    as_text(subject_value) || ' / ' || as_text(object_value) || ' = ' || as_text(subject_value / object_value)
        AS computation,
    subject_value / object_value AS value,
    interval_div_lower(subject_lower, subject_upper, object_lower, object_upper) AS lower,
    least(1.0, interval_div_upper(
        subject_lower, least(subject_upper, object_upper), object_lower, object_upper)) AS upper,
    'fraction' AS unit,
    [subject_id, object_id] AS input_figure_ids,
    NULL AS gap,
    NULL AS severity,
    note AS caveat
FROM relation_figures
WHERE type = 'part_of' AND object_value <> 0  -- no share of an empty whole
