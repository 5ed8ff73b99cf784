-- The articles the report shows in full (report_articles, warehouse/macros/30_report.sql), picked
-- once per report: the queries of warehouse/report/ receive them as the list article_ids.
SELECT article_id FROM report_articles($report_articles)
