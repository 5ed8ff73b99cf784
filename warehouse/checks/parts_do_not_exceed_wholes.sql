-- asset: relations
-- severity: error
-- description: In every part_of relation the part is at most the whole. ERROR when even the
--   intervals cannot fit, WARN when only the values do not. The figures stay in the tables:
--   this is a finding about the article, not a broken row.
-- judges: part_of relations FROM part_whole_comparisons()
--
-- A part_of relation whose part is larger than its whole, by the severity of
-- part_whole_comparisons (views/verdicts.sql). One row per failing relation.
SELECT
    article_id,
    relation_id AS item_id,
    subject_quote AS quote,
    'part ' || subject_id || ' (' || as_text(subject_value) || ') exceeds its whole ' || object_id
        || ' (' || as_text(object_value) || ')'
        || CASE WHEN origin = 'found' THEN '. ' || note ELSE '' END AS message,  -- what to review
    '<= ' || as_text(object_value) AS expected,
    as_text(subject_value) AS found,
    severity
FROM part_whole_comparisons()
WHERE severity <> 'ok'
