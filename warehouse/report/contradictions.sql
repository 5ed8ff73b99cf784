-- The report's disagreements: every comparison behind the figures' verdicts (_figure_comparisons,
-- stored by the run that judged them) that warns or errs, from each figure of the articles shown,
-- with the other figure's quote, article and outlet, so that the page can say whom a figure
-- contradicts and how.
SELECT c.article_id, c.figure_id, c.other_article_id, c.other_figure_id, c.severity, c.how,
    o.quote AS other_quote, a.title AS other_title, a.outlet AS other_outlet
FROM _figure_comparisons AS c
JOIN figures AS o ON o.article_id = c.other_article_id AND o.figure_id = c.other_figure_id
JOIN articles AS a ON a.article_id = c.other_article_id
WHERE c.severity <> 'ok' AND list_contains($article_ids, c.article_id)
ORDER BY c.article_id, c.figure_id, c.other_article_id, c.other_figure_id
