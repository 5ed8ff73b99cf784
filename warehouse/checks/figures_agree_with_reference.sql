-- asset: reference_matches
-- severity: error
-- description: Each figure matched with a published reference value agrees with it, by the
--   agreement policy (the agreement tolerance plus the figure's rounding; a value inside the
--   figure's stated hedge agrees): ERROR when a figure and the value of its curated measure id
--   cannot both hold; WARN when they only come near, and for any disagreement of a match found
--   by what, place and period (the match itself is to review). Each failing row names the
--   figure, the reference row, its source and the gap.
-- judges: figures matched with reference values FROM reference_agreements
--
SELECT
    article_id,
    figure_id AS item_id,
    quote,
    '''' || quote || ''' (' || as_text(value) || ' ' || reference_unit || ') against '
        || publisher || ': ' || as_text(reference_value) || ' ' || reference_unit || ' '
        || reference_what || ', ' || reference_period || ' (' || row_id || ', '
        || coalesce(source_url, 'no address') || '): gap ' || as_text(round(gap, 2))
        || CASE WHEN method = 'found'
            THEN '; matched by the machine, not by a curated measure id (' || reason || ')'
            ELSE '' END AS message,
    'within ' || as_text(value) || ' +/- the agreement tolerance, or inside [' || as_text(lower)
        || ', ' || as_text(upper) || ']' AS expected,
    as_text(reference_value) || ' (gap ' || as_text(round(gap, 2)) || ')' AS found,
    severity
FROM reference_agreements
WHERE severity <> 'ok'
ORDER BY article_id, figure_id, row_id
