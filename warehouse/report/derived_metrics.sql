-- The report's derived metrics, with the figures they are computed from.
SELECT
    metric_id, article_id, relation_id, metric, label, formula, computation, value, lower, upper,
    unit, input_figure_ids, gap, severity, caveat
FROM derived_metrics
WHERE article_id IN (SELECT article_id FROM report_articles($report_articles))
ORDER BY article_id, metric_id
