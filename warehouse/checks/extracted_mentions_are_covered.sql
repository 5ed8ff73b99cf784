-- asset: mentions
-- severity: warn
-- description: In a curated article every number the extractor finds is either a curated figure
--   or listed under not_figures: an uncovered one is a figure the curator may have missed.
--   Years, dates and ordinals are only classified and need no cover.
-- judges: numbers found in curated articles
--   FROM mentions WHERE status IN ('curated', 'not_a_figure', 'uncovered')
--
-- Numbers the extractor finds in a curated article that no curated
-- figure covers and that the curator did not list under not_figures. One row per such mention.
SELECT
    article_id,
    article_id || '@' || start AS item_id,
    text AS quote,
    'line ' || line || ': ' || kind || ' ' || as_text(value) || ' in "' || sentence
        || '" is neither a curated figure nor listed under not_figures' AS message,
    'a figure or a not_figures entry covering it' AS expected,
    'nothing' AS found,
    'warn' AS severity
FROM mentions
WHERE status = 'uncovered'
ORDER BY article_id, start
