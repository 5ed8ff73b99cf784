-- Runs after 10_intervals.sql (files run in name order), whose as_text it uses.
-- agreement_failures(metric_name, tolerance): the agreement findings of one kind that are not 'ok',
-- as failing rows of a check (article, item, quote, message, expected, found, severity). A
-- finding on relations the machine found (between unreviewed figures) ends with the caveat that
-- says so and what to review.
-- A table macro binds when it is called, so it may name derived_metrics before that table exists.
CREATE OR REPLACE MACRO agreement_failures(metric_name, tolerance) AS TABLE
SELECT
    d.article_id,
    d.relation_id AS item_id,
    f.quote,
    d.label || ': ' || d.computation
        || coalesce(CASE WHEN NOT f.reviewed THEN '. ' || d.caveat END, '') AS message,
    'gap <= ' || as_text(tolerance) AS expected,
    'gap ' || as_text(d.gap) AS found,
    d.severity
FROM derived_metrics AS d
JOIN figures AS f ON f.article_id = d.article_id AND f.figure_id = d.input_figure_ids[1]
WHERE d.metric = metric_name AND d.severity <> 'ok'
ORDER BY d.metric_id;
