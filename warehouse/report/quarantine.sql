-- The report's held-back rows: everything a step kept out of the tables, with the reason.
SELECT stage, source_file, line, article_id, item_id, rule, message, expected, found, quote
FROM quarantine
ORDER BY stage, source_file, line NULLS LAST, item_id
LIMIT $report_rows
