-- The report's disagreements between two figures that a shared measure or a part_of relation
-- compares (the comparisons of view verdicts other than derived metrics, which core/report.py
-- reads from the derived metrics): each from both of its figures, with the other figure's
-- quote, article and outlet, so that the page can say whom a figure contradicts.
WITH compared AS (
    SELECT earlier_article_id AS article_id, earlier_figure_id AS figure_id,
        article_id AS other_article_id, figure_id AS other_figure_id, severity,
        'about the same measure' AS how
    FROM measure_agreements((SELECT agreement_tolerance FROM _quality_policy))
    WHERE severity <> 'ok'
    UNION ALL
    SELECT article_id, subject_id, article_id, object_id, severity, 'as a part larger than its whole'
    FROM part_whole_comparisons()
    WHERE severity <> 'ok'
),
sides AS (
    SELECT article_id, figure_id, other_article_id, other_figure_id, severity, how FROM compared
    UNION ALL
    SELECT other_article_id, other_figure_id, article_id, figure_id, severity, how FROM compared
)
SELECT s.article_id, s.figure_id, s.other_article_id, s.other_figure_id, s.severity, s.how,
    o.quote AS other_quote, a.title AS other_title, a.outlet AS other_outlet
FROM sides AS s
JOIN figures AS o ON o.article_id = s.other_article_id AND o.figure_id = s.other_figure_id
JOIN articles AS a ON a.article_id = s.other_article_id
WHERE list_contains($article_ids, s.article_id)
ORDER BY s.article_id, s.figure_id, s.other_article_id, s.other_figure_id
