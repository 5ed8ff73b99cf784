-- The report's relations: which figures each relation links, to list them on each figure.
SELECT article_id, relation_id, type, subject_id, object_id, baseline_id, baseline, base_ambiguous,
    note, origin, rule, cue
FROM relations
WHERE list_contains($article_ids, article_id)
ORDER BY article_id, relation_id
