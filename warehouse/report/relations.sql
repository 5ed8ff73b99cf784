-- The report's relations: which figures each relation links, to list them on each figure.
SELECT article_id, relation_id, type, subject_id, object_id, baseline, base_ambiguous, note
FROM relations
WHERE article_id IN (SELECT article_id FROM report_articles($report_articles))
ORDER BY article_id, relation_id
