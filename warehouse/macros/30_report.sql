-- report_articles(n): the articles the quality report shows in full, at most n of them: first those
-- that need a reader's attention (rows held back, numbers not curated, statements that disagree),
-- then the most recently published. The report's queries (warehouse/report/) read only these.
CREATE OR REPLACE MACRO report_articles(n) AS TABLE
WITH attention AS (
    SELECT article_id FROM quarantine WHERE article_id IS NOT NULL
    UNION
    SELECT article_id FROM mentions WHERE status = 'uncovered'
    UNION
    SELECT article_id FROM derived_metrics WHERE severity IN ('warn', 'error')
)
SELECT a.article_id
FROM articles AS a
ORDER BY a.article_id IN (SELECT article_id FROM attention) DESC, a.published_earliest DESC,
    a.article_id
LIMIT n;
