-- The report's overview counts, over the whole warehouse (the sections show a bounded part of it).
SELECT
    (SELECT count(*) FROM articles) AS articles,
    (SELECT count(*) FROM figures) AS figures,
    (SELECT count(*) FROM figures WHERE NOT reviewed) AS unreviewed_figures,
    (SELECT count(*) FROM derived_metrics) AS derived_metrics,
    (SELECT count(*) FROM quarantine) AS held_back,
    (SELECT count(*) FROM mentions WHERE status = 'uncovered') AS uncovered_mentions
