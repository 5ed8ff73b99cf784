-- change_statements_agree: two statements of one change ("twice as many", "116 percent") whose
-- growth factors differ. Severity follows the agreement policy of the derived metric.
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
WHERE d.metric = 'change_agreement' AND d.severity <> 'ok'
