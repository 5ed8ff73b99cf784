-- asset: reference_matches
-- severity: error
-- description: Each figure matched with published reference values agrees with them, by the
--   agreement policy (the agreement tolerance plus the figure's rounding; a value inside the
--   figure's stated hedge agrees): a value with its row's, a stated change with the change of two
--   rows, a share with part / whole of two rows, and a derived metric (the baseline a change
--   implies) with the row of its period. ERROR when a figure and the value of its curated
--   measure id cannot both hold; WARN when they only come near, and for any disagreement of a
--   match found by the machine (the match itself is to review). Each failing row names the figure
--   or derived metric, the reference rows, their source and the gap.
-- judges: figures (or metrics derived from them) matched with reference values FROM
--   reference_agreements
--
SELECT
    article_id,
    coalesce(metric_id, figure_id) AS item_id,
    quote,
    stated || ' (' || as_text(value) || ' ' || reference_unit || ') against '
        || publisher || ': ' || as_text(reference_value) || ' ' || reference_unit || ' '
        || reference_what || ', ' || reference_period || ' (' || reference_rows || ', '
        || coalesce(source_url, 'no address')
        || CASE WHEN whole_source_url <> source_url THEN ' and ' || whole_source_url ELSE '' END
        || '): gap ' || as_text(round(gap, 2))
        || CASE WHEN method = 'found'
            THEN '; matched by the machine, not by a curated measure id (' || reason || ')'
            ELSE '' END AS message,
    'within ' || as_text(value) || ' +/- the agreement tolerance, or inside [' || as_text(lower)
        || ', ' || as_text(upper) || ']' AS expected,
    as_text(reference_value) || ' (gap ' || as_text(round(gap, 2)) || ')' AS found,
    severity
FROM reference_agreements
WHERE severity <> 'ok'
ORDER BY article_id, item_id, row_id
