-- The report's figures: every published figure with its place in the body and what it measures.
-- The rows are picked by rowid first, so that only their quotes and sentences are read.
SELECT
    article_id, figure_id, quote, start, "end", line, sentence, value, kind, unit, qualifier,
    lower, upper, measure_what, measure_of_whom, measure_where, measure_period, note, reviewed,
    figures_file, figures_file_line
FROM figures
WHERE rowid IN (
    SELECT rowid FROM figures
    WHERE article_id IN (SELECT article_id FROM report_articles($report_articles))
)
ORDER BY article_id, start
