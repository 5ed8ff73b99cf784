-- The report's published data: each reference table with its source as its sidecar says, the
-- rows its file holds and the rows loaded (the others are held back in quarantine).
SELECT t.reference_id, t.source_file, t.title, t.publisher, t.url, t.retrieved, t.licence, t.notes,
    t.rows_read, count(v.row_id) AS rows_loaded
FROM reference_tables AS t
LEFT JOIN reference_values AS v ON v.reference_id = t.reference_id
GROUP BY ALL
ORDER BY t.title, t.reference_id
