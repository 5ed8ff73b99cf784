-- How many figures have each verdict (view verdicts), over the whole warehouse: the report's
-- overview and the command's summary.
SELECT verdict, count(*) AS figures
FROM verdicts
GROUP BY verdict
