-- The report's articles: what each is, where it came from, and its body to highlight.
SELECT article_id, title, outlet, author, url, published, language, source_file, figures_file, body
FROM articles
ORDER BY published_earliest DESC, article_id
