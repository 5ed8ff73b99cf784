-- The report's derived metrics, with the figures they are computed from and the article (title,
-- outlet) they are derived in.
SELECT
    d.metric_id, d.article_id, a.title, a.outlet, d.relation_id, d.metric, d.label, d.formula,
    d.computation, d.value, d.lower, d.upper, d.unit, d.input_figure_ids, d.gap, d.severity,
    d.caveat
FROM derived_metrics AS d
JOIN articles AS a ON a.article_id = d.article_id
WHERE list_contains($article_ids, d.article_id)
ORDER BY d.article_id, d.metric_id
