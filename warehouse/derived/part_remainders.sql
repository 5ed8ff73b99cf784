-- remainder_of_whole: the rest of a whole once one of its parts is taken out.
-- "some 1,200" left or tried to leave, "Four hundred" already joined  =>  1,200 - 400 not yet.
-- Interval subtraction: [whole_lower - part_upper, whole_upper - part_lower], never below 0.
SELECT
    article_id || ':' || relation_id || ':remainder_of_whole' AS metric_id,
    article_id,
    relation_id,
    'remainder_of_whole' AS metric,
    object_what || ', other than ' || subject_what AS label,
    'whole - part' AS formula,
    as_text(object_value) || ' - ' || as_text(subject_value) || ' = ' || as_text(object_value - subject_value)
        AS computation,
    object_value - subject_value AS value,
    greatest(0.0, object_lower - subject_upper) AS lower,
    object_upper - subject_lower AS upper,
    object_unit AS unit,
    [subject_id, object_id] AS input_figure_ids,
    NULL AS gap,
    NULL AS severity,
    note AS caveat
FROM relation_figures
WHERE type = 'part_of'
