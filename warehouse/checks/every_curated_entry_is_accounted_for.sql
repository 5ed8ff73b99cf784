-- asset: sources
-- severity: error
-- description: Nothing a figures file lists is silently dropped: the entries counted when the
--   file was read (sources.entries: figures, relations, not_figures) equal the rows of figures,
--   relations and non_figures from that file plus the entries held back in `quarantine`.
-- judges: figures files FROM sources WHERE role = 'figures'
--
-- Nothing a figures file lists is silently dropped. When a
-- figures file is read, the pipeline counts its entries (figures, relations, not_figures) into
-- sources.entries; each must now be a row of figures, relations or non_figures from that file, or
-- be held back in quarantine (one entry, however many rows of quarantine it has, is one figures
-- file line and item id). One row per figures file whose counts do not add up.
WITH loaded AS (
    SELECT figures_file AS source_file, count(*) AS n
    FROM (
        SELECT figures_file FROM figures WHERE figures_file IS NOT NULL  -- drafts included
        UNION ALL
        SELECT figures_file FROM relations WHERE origin = 'curated'
        UNION ALL
        SELECT figures_file FROM non_figures
    )
    GROUP BY figures_file
),
held AS (
    SELECT source_file, count(DISTINCT (stage, coalesce(line, 0), coalesce(item_id, ''))) AS n
    FROM quarantine
    WHERE stage IN ('figures', 'relations', 'non_figures')
        AND (line IS NOT NULL OR item_id IS NOT NULL)
    GROUP BY source_file
)
SELECT
    s.article_id,
    NULL AS item_id,
    NULL AS quote,
    s.source_file,
    s.source_file || ' lists ' || s.entries || ' entries (figures, relations, not_figures), but '
        || coalesce(l.n, 0) || ' are in the tables and ' || coalesce(h.n, 0)
        || ' held back in quarantine' AS message,
    s.entries || ' entries loaded or held back' AS expected,
    coalesce(l.n, 0) || ' loaded + ' || coalesce(h.n, 0) || ' held back' AS found,
    'error' AS severity
FROM sources AS s
LEFT JOIN loaded AS l ON l.source_file = s.source_file
LEFT JOIN held AS h ON h.source_file = s.source_file
WHERE s.role = 'figures'
    AND s.entries IS NOT NULL
    AND s.entries <> coalesce(l.n, 0) + coalesce(h.n, 0)
ORDER BY s.source_file
