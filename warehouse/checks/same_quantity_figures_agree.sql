-- same_quantity_figures_agree: two figures that state one quantity but give different values.
-- Severity follows the agreement policy of the derived metric (warn: the intervals overlap).
SELECT
    d.article_id,
    d.relation_id AS item_id,
    f.quote,
    d.label || ': ' || d.computation AS message,
    'gap <= ' || as_text($agreement_tolerance) AS expected,
    'gap ' || as_text(d.gap) AS found,
    d.severity
FROM derived_metrics AS d
JOIN figures AS f ON f.article_id = d.article_id AND f.figure_id = d.input_figure_ids[1]
WHERE d.metric = 'same_quantity_agreement' AND d.severity <> 'ok'
