-- The report's extracted mentions that no curated figure covers and that are not classified away:
-- the numbers a curator may have missed, highlighted in the body.
SELECT article_id, start, "end", text, value, kind, unit, qualifier, lower, upper, line, status
FROM mentions
WHERE status = 'uncovered' AND list_contains($article_ids, article_id)
ORDER BY article_id, start
