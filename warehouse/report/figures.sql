-- The report's figures: every published figure of the articles shown, with its place in the body
-- and what it measures (only the columns the page shows: the sentence, line and figures file
-- line are not). The articles are a list parameter, so that the filter is one the scan applies:
-- DuckDB then reads the other columns of matching rows only (a join with the picked articles, or
-- with their rowids, reads them in every row it scans).
SELECT
    article_id, figure_id, quote, start, "end", value, kind, unit, qualifier, lower, upper,
    measure_what, measure_of_whom, measure_where, measure_period, measure_cue, note, reviewed
FROM figures
WHERE list_contains($article_ids, article_id)
ORDER BY article_id, start
