-- The report's articles (those report_articles picks): what each is, where it came from, its body.
-- The rows are picked by rowid first, so that only their bodies are read (not every article's).
SELECT article_id, title, outlet, author, url, published, language, source_file, figures_file, body
FROM articles
WHERE rowid IN (
    SELECT rowid FROM articles
    WHERE article_id IN (SELECT article_id FROM report_articles($report_articles))
)
ORDER BY published_earliest DESC, article_id
