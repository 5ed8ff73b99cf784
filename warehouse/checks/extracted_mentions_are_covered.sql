-- extracted_mentions_are_covered: numbers the extractor finds in a curated article that no curated
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
