-- asset: figures
-- severity: error
-- description: Figures that name one shared measure (measure_id) in different articles agree,
--   judged by the agreement policy with the agreement tolerance: values whose relative gap is
--   within the tolerance agree; values that differ more but whose intervals overlap count as
--   agreeing too (the hedges allow both); ERROR for each pair whose intervals do not overlap,
--   named by the later source's figure, with both outlets, dates, quotes, values and the gap.
--   The figures stay in the tables: this is a finding about the sources, not a broken row.
-- judges: pairs of figures of one shared measure in two articles
--   FROM measure_agreements($agreement_tolerance)
--
-- Two figures of one shared measure (figures.measure_id), from
-- different articles, that cannot both be true: the pairs of measure_agreements
-- (views/verdicts.sql) whose intervals do not overlap, by the agreement policy with the
-- $agreement_tolerance parameter. One row per disagreeing pair, named by the later source's
-- figure (publication date, then article id). Pairs whose kind or unit differ are not compared:
-- shared_measures_are_defined_alike lists them.
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
FROM measure_agreements($agreement_tolerance)
WHERE severity = 'error'
ORDER BY measure_id, article_id, figure_id, earlier_article_id
