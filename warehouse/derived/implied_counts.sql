-- implied_count: how many a share of a whole stands for.
-- "one fifth" of "some 1,200"  =>  0.2 x 1,200.
-- When the text's base is not exactly the object figure (base_ambiguous), the caveat says so.
SELECT
    article_id || ':' || relation_id || ':implied_count' AS metric_id,
    article_id,
    relation_id,
    'implied_count' AS metric,
    subject_what AS label,
    'share x whole' AS formula,
    as_text(share_fraction(subject_kind, subject_value)) || ' x ' || as_text(object_value) || ' = '
        || as_text(share_fraction(subject_kind, subject_value) * object_value) AS computation,
    share_fraction(subject_kind, subject_value) * object_value AS value,
    interval_mul_lower(share_fraction(subject_kind, subject_lower),
        share_fraction(subject_kind, subject_upper), object_lower, object_upper) AS lower,
    interval_mul_upper(share_fraction(subject_kind, subject_lower),
        share_fraction(subject_kind, subject_upper), object_lower, object_upper) AS upper,
    object_unit AS unit,
    [subject_id, object_id] AS input_figure_ids,
    NULL AS gap,
    NULL AS severity,
    CASE
        WHEN base_ambiguous THEN 'ambiguous base: ' || coalesce(note, 'the text''s base may not be '
            || object_id)
        ELSE note
    END AS caveat
FROM relation_figures
WHERE type = 'share_of'
