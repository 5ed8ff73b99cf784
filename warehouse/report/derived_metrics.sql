-- The report's derived metrics, with the figures they are computed from.
SELECT
    metric_id, article_id, relation_id, metric, label, formula, computation, value, lower, upper,
    unit, input_figure_ids, gap, severity, caveat
FROM derived_metrics
WHERE list_contains($article_ids, article_id)
ORDER BY article_id, metric_id
