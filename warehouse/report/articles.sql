-- The report's articles (the shown ones, $article_ids): what each is, where it came from, its body.
-- The articles are a list parameter, so that the filter is one the scan applies: DuckDB then reads
-- the bodies of matching rows only (a join with the picked articles, or with their rowids, reads
-- the bodies of every row it scans). Oldest first: an article that restates another comes after
-- the one it restates (the real VICE News sample before the constructed article restating it).
SELECT article_id, title, outlet, author, url, published, language, source_file, figures_file, body
FROM articles
WHERE list_contains($article_ids, article_id)
ORDER BY published_earliest, article_id
