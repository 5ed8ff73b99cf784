-- The report's check history: every evaluation of the last $history_runs runs, oldest run first.
-- A run is placed in time by its first evaluation.
WITH runs AS (
    SELECT run_id, min(evaluated_at) AS started_at
    FROM check_history
    GROUP BY run_id
    ORDER BY started_at DESC
    LIMIT $history_runs
)
SELECT
    r.run_id, r.started_at, h.evaluated_at, h.asset, h.check_name, h.status, h.severity,
    h.failing_rows, h.summary, h.details
FROM check_history AS h
JOIN runs AS r USING (run_id)
ORDER BY r.started_at, h.asset, h.check_name
