-- The report's time lines: every reference value of each measure a figure of the articles shown
-- is matched with (its value, not a change between two of its rows, a share of two or a
-- derived metric's row), oldest first. A measure is
-- the rows of one curated measure id, or else of one what, place and unit.
WITH keyed AS (
    SELECT *, coalesce('id:' || measure_id, concat_ws('|', what, place, unit)) AS measure_key
    FROM reference_values
)
SELECT k.measure_key, k.row_id, k.reference_id, k.measure_id, k.what, k.of_whom, k.place,
    k.period, k.period_kind, k.period_start, k.period_end, k.value, k.unit,
    coalesce(k.source_url, t.url) AS source_url, t.publisher
FROM keyed AS k
JOIN reference_tables AS t ON t.reference_id = k.reference_id
WHERE k.measure_key IN (
    SELECT m.measure_key
    FROM keyed AS m
    JOIN reference_matches AS r ON r.row_id = m.row_id
    WHERE list_contains($article_ids, r.article_id) AND r.earlier_row_id IS NULL
        AND r.whole_row_id IS NULL AND r.metric_id IS NULL  -- a figure's value, no arithmetic
)
ORDER BY k.measure_key, k.period_end, k.period_start, k.row_id
