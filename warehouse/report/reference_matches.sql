-- The report's published data beside each figure: every match of a figure of the articles shown
-- with a reference value (view reference_agreements: the figure in the reference's unit, the
-- published value, or the change between two rows, earlier_row_id, or the share of two, or the
-- row of a metric derived from it: compares, stated; the gap and the agreement),
-- with the row's source, the table's title and the article's outlet and publication dates (where
-- the figure stands on its measure's time line).
SELECT
    g.article_id, g.figure_id, g.quote, g.value, g.lower, g.upper, f.hedged, g.method, g.score,
    g.reason, g.row_id, g.reference_id, t.title AS reference_title, g.publisher, g.reference_what,
    g.reference_period, g.reference_value, g.reference_unit, g.earlier_row_id, g.source_url, r.source_quote, g.gap,
    g.compares, g.stated,
    g.severity, a.outlet, a.published, a.published_earliest, a.published_latest
FROM reference_agreements AS g
JOIN figures AS f ON f.article_id = g.article_id AND f.figure_id = g.figure_id
JOIN reference_values AS r ON r.row_id = g.row_id
JOIN reference_tables AS t ON t.reference_id = g.reference_id
JOIN articles AS a ON a.article_id = g.article_id
WHERE list_contains($article_ids, g.article_id)
ORDER BY g.article_id, g.figure_id, g.method DESC, g.score DESC, g.row_id
