-- asset: relations
-- severity: error
-- description: In every part_of relation the part is at most the whole. ERROR when even the
--   intervals cannot fit, WARN when only the values do not. The figures stay in the tables:
--   this is a finding about the article, not a broken row.
--
-- A part_of relation whose part is larger than its whole.
-- error when even the intervals cannot fit (part lower > whole upper), warn when only the values
-- do not. One row per failing relation.
SELECT
    article_id,
    relation_id AS item_id,
    subject_quote AS quote,
    'part ' || subject_id || ' (' || as_text(subject_value) || ') exceeds its whole ' || object_id
        || ' (' || as_text(object_value) || ')' AS message,
    '<= ' || as_text(object_value) AS expected,
    as_text(subject_value) AS found,
    CASE WHEN subject_lower > object_upper THEN 'error' ELSE 'warn' END AS severity
FROM relation_figures
WHERE type = 'part_of' AND subject_value > object_value
