-- The report's relations: which figures each relation links, to list them on each figure.
SELECT article_id, relation_id, type, subject_id, object_id, baseline, base_ambiguous, note
FROM relations
ORDER BY article_id, relation_id
