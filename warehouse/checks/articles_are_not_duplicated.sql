-- asset: articles
-- severity: warn
-- description: No two article files have the same body (SHA-256): one article saved under two
--   names, or one story run by two outlets. Both stay in the tables, each flagged naming the
--   other (batches are read apart, so neither can be preferred when read): delete the copy, or
--   keep both when the outlets differ.
-- judges: articles FROM articles
--
-- Two article files with the same body (articles.body_sha256): one
-- article saved under two names, or one story run by two outlets. Both stay in the tables (the
-- batches are processed apart, so neither file can be preferred when it is read; and a story in
-- two outlets is two sources); each is flagged, naming the other. WARN: delete the copy, or keep
-- both when the outlets differ.
SELECT
    a.article_id,
    NULL AS item_id,
    NULL AS quote,
    a.source_file,
    'same body as ' || string_agg(b.source_file, ', ' ORDER BY b.source_file)
        || ' (SHA-256 ' || left(a.body_sha256, 12)
        || '...): one article saved twice under two names, or one story run by two outlets; '
        || 'delete the copy, or keep both if the outlets differ' AS message,
    'a body no other article has' AS expected,
    'the body of ' || string_agg(b.source_file, ', ' ORDER BY b.source_file) AS found,
    'warn' AS severity
FROM articles AS a
JOIN articles AS b ON b.body_sha256 = a.body_sha256 AND b.article_id <> a.article_id
GROUP BY a.article_id, a.source_file, a.body_sha256
ORDER BY a.source_file
