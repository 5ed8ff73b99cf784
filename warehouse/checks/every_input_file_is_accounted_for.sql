-- asset: sources
-- severity: error
-- description: Nothing the folder scan saw is silently dropped: every input file (every row of
--   sources) is loaded, an article file into articles, a figures file read for its article, or
--   has a row in `quarantine` naming it; and every article comes from a file of sources. Hidden
--   entries (names starting with '.') are not inputs.
-- judges: input files FROM sources
--
-- Nothing the folder scan saw is silently dropped. Every row of
-- sources (every entry of the articles folder but hidden ones) is loaded or held back: an article
-- file is a row of articles; a figures file was read for an article of articles (its entries are
-- then reconciled by every_curated_entry_is_accounted_for); any file may instead have a row in
-- quarantine naming it. And the other way round, every row of articles comes from a file of
-- sources. One row per file that is neither.
SELECT
    s.article_id,
    NULL AS item_id,
    NULL AS quote,
    s.source_file,
    s.source_file || ' (' || s.role || ' file) is neither loaded nor held back: it is not in '
        || CASE s.role WHEN 'figures' THEN 'articles.figures_file' ELSE 'articles' END
        || ' and no row of quarantine names it' AS message,
    'loaded, or a row in quarantine naming ' || s.source_file AS expected,
    'neither' AS found,
    'error' AS severity
FROM sources AS s
WHERE NOT EXISTS (SELECT 1 FROM quarantine AS q WHERE q.source_file = s.source_file)
    AND NOT (
        s.role = 'article'
        AND EXISTS (SELECT 1 FROM articles AS a WHERE a.source_file = s.source_file)
    )
    AND NOT (
        s.role = 'figures' AND s.entries IS NOT NULL
        AND EXISTS (SELECT 1 FROM articles AS a WHERE a.figures_file = s.source_file)
    )
UNION ALL
SELECT
    a.article_id,
    NULL,
    NULL,
    a.source_file,
    'article ' || a.article_id || ' is loaded from ' || a.source_file
        || ', which is not among the input files of sources',
    'a row of sources for ' || a.source_file,
    'none',
    'error'
FROM articles AS a
WHERE NOT EXISTS (SELECT 1 FROM sources AS s WHERE s.source_file = a.source_file)
ORDER BY source_file
