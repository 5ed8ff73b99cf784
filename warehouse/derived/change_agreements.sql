-- change_agreement: two statements of the same change, compared as growth factors.
-- "Twice as many" (x 2.00) and "a 116 percent increase" (x 2.16) describe the change to the same
-- figure; value is the second factor over the first, gap their relative difference, and severity
-- follows the agreement policy (macros/10_intervals.sql) with the $agreement_tolerance parameter.
WITH changes AS (
    SELECT
        *,
        change_factor(type, subject_value) AS factor,
        change_factor(type, subject_lower) AS factor_lower,
        change_factor(type, subject_upper) AS factor_upper
    FROM relation_figures
    WHERE type IN ('percent_change', 'multiple_of')
        AND change_factor(type, subject_value) <> 0  -- "down 100 percent" has no ratio
)
SELECT
    a.article_id || ':' || a.relation_id || '+' || b.relation_id || ':change_agreement' AS metric_id,
    a.article_id,
    a.relation_id || '+' || b.relation_id AS relation_id,
    'change_agreement' AS metric,
    '''' || a.subject_quote || ''' and ''' || b.subject_quote || ''' as changes of '
        || a.object_what AS label,
    'factor of the second statement / factor of the first' AS formula,
    'x' || as_text(b.factor) || ' / x' || as_text(a.factor) || ' = ' || as_text(b.factor / a.factor)
        || ' (gap ' || as_text(relative_gap(a.factor, b.factor)) || ')' AS computation,
    b.factor / a.factor AS value,
    interval_div_lower(b.factor_lower, b.factor_upper, a.factor_lower, a.factor_upper) AS lower,
    interval_div_upper(b.factor_lower, b.factor_upper, a.factor_lower, a.factor_upper) AS upper,
    'ratio of growth factors' AS unit,
    [a.subject_id, b.subject_id, a.object_id] AS input_figure_ids,
    relative_gap(a.factor, b.factor) AS gap,
    agreement_severity(a.factor, a.factor_lower, a.factor_upper, a.subject_hedged,
        b.factor, b.factor_lower, b.factor_upper, b.subject_hedged,
        factor_rounding(a.type, a.subject_value, a.subject_rounding)
            + factor_rounding(b.type, b.subject_value, b.subject_rounding),
        $agreement_tolerance)
        AS severity,
    CASE WHEN a.origin = 'found' OR b.origin = 'found' THEN concat_ws('; ', a.note, b.note) END
        AS caveat
FROM changes AS a
JOIN changes AS b
    ON b.article_id = a.article_id AND b.object_id = a.object_id AND b.relation_id > a.relation_id
