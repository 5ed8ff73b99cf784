-- asset: figures
-- severity: warn
-- description: Figures that name one shared measure (measure_id) state it as the same kind and
--   in the same unit; a pair that does not (a percent and a multiplier, say) cannot be compared
--   by sources_agree_on_shared_measures, so it is listed here with a WARN.
-- judges: figures that name a shared measure FROM measure_values
--
-- Two figures that name one shared measure (figures.measure_id)
-- but state it as a different kind or in a different unit ("116 percent" and "twice as many"), so
-- sources_agree_on_shared_measures cannot compare them. One row per such pair, named by the later
-- figure (publication date, then article id, then figure id); WARN: a curator should give the
-- two figures different measure ids, or correct the kind or unit.
SELECT
    later.article_id,
    later.figure_id AS item_id,
    later.quote,
    later.measure_id || ': ' || earlier.outlet || ' (' || earlier.published || ', '
        || earlier.article_id || ') states ''' || earlier.quote || ''' as ' || earlier.kind
        || ' in ' || earlier.unit || ', ' || later.outlet || ' (' || later.published || ', '
        || later.article_id || ') states ''' || later.quote || ''' as ' || later.kind || ' in '
        || later.unit || ': figures of one measure must share kind and unit to be compared'
        AS message,
    earlier.kind || ' in ' || earlier.unit AS expected,
    later.kind || ' in ' || later.unit AS found,
    'warn' AS severity
FROM measure_values AS earlier
JOIN measure_values AS later
    ON later.measure_id = earlier.measure_id
    AND (later.kind <> earlier.kind OR later.unit <> earlier.unit)
    AND (later.published_earliest, later.article_id, later.figure_id)
        > (earlier.published_earliest, earlier.article_id, earlier.figure_id)
ORDER BY later.measure_id, later.article_id, later.figure_id, earlier.article_id, earlier.figure_id
