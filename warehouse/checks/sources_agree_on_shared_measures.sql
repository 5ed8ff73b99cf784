-- asset: figures
-- severity: error
-- description: Figures that name one shared measure (measure_id) in different articles agree,
--   judged by the agreement policy with the agreement tolerance: values whose relative gap is
--   within the tolerance agree; values that differ more but whose intervals overlap count as
--   agreeing too (the hedges allow both); ERROR for each pair whose intervals do not overlap,
--   named by the later source's figure, with both outlets, dates, quotes, values and the gap.
--   The figures stay in the tables: this is a finding about the sources, not a broken row.
--
-- Two figures of one shared measure (figures.measure_id), from
-- different articles, that cannot both be true. Every such pair is judged by the agreement policy
-- (macros/10_intervals.sql) with the $agreement_tolerance parameter: values whose relative gap is
-- within the tolerance agree ('ok'); values that differ more but whose intervals overlap count as
-- agreeing too ('warn' in derived_metrics: the hedges allow both, as "at least 100" and "more than
-- 100"); only intervals that do not overlap ('error') are flagged. One row per disagreeing pair,
-- named by the later source's figure (publication date, then article id). Pairs whose kind or
-- unit differ are not compared: shared_measures_are_defined_alike lists them.
WITH pairs AS (
    SELECT
        earlier.measure_id,
        earlier.article_id AS earlier_article_id,
        earlier.outlet AS earlier_outlet,
        earlier.published AS earlier_published,
        earlier.quote AS earlier_quote,
        earlier.value AS earlier_value,
        earlier.lower AS earlier_lower,
        earlier.upper AS earlier_upper,
        later.article_id,
        later.figure_id,
        later.outlet,
        later.published,
        later.quote,
        later.value,
        later.lower,
        later.upper,
        relative_gap(earlier.value, later.value) AS gap
    FROM measure_values AS earlier
    JOIN measure_values AS later
        ON later.measure_id = earlier.measure_id
        AND later.kind = earlier.kind
        AND later.unit = earlier.unit
        AND (later.published_earliest, later.article_id)
            > (earlier.published_earliest, earlier.article_id)
)
SELECT
    article_id,
    figure_id AS item_id,
    quote,
    measure_id || ': '
        || earlier_outlet || ' (' || earlier_published || ', ' || earlier_article_id || ') says '''
        || earlier_quote || ''' (' || as_text(earlier_value) || '), '
        || outlet || ' (' || published || ', ' || article_id || ') says '''
        || quote || ''' (' || as_text(value) || '): intervals ['
        || as_text(earlier_lower) || ', ' || as_text(earlier_upper) || '] and ['
        || as_text(lower) || ', ' || as_text(upper) || '] do not overlap (gap '
        || as_text(round(gap, 2)) || ')' AS message,
    'gap <= ' || as_text($agreement_tolerance) || ' or overlapping intervals' AS expected,
    'gap ' || as_text(round(gap, 2)) || ', [' || as_text(earlier_lower) || ', '
        || as_text(earlier_upper) || '] and [' || as_text(lower) || ', ' || as_text(upper)
        || '] apart' AS found,
    'error' AS severity
FROM pairs
WHERE agreement_severity(earlier_value, earlier_lower, earlier_upper, false,
    value, lower, upper, false, 0, $agreement_tolerance) = 'error'  -- intervals that do not overlap
ORDER BY measure_id, article_id, figure_id, earlier_article_id
