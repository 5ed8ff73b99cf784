-- The report's figures: every published figure of the articles shown, with its place in the body,
-- what it measures and its verdict (view verdicts; only the columns the page shows: the sentence,
-- line and figures file line are not). The articles are a list parameter, so that the filter is
-- one the scan applies: DuckDB then reads the other columns of matching rows only (a join with
-- the picked articles, or with their rowids, reads them in every row it scans).
SELECT
    f.article_id, f.figure_id, f.quote, f.start, f."end", f.value, f.kind, f.unit, f.qualifier,
    f.lower, f.upper, f.measure_id, f.measure_what, f.measure_of_whom, f.measure_where, f.measure_period,
    f.measure_cue, f.note, f.reviewed, v.verdict, v.severity AS verdict_severity, v.reason
FROM figures AS f
JOIN verdicts AS v ON v.article_id = f.article_id AND v.figure_id = f.figure_id
WHERE list_contains($article_ids, f.article_id)
ORDER BY f.article_id, f.start
