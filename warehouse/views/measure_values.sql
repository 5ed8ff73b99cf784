-- The view measure_values is described, column by column, in schemas/views.py.
-- measure_values: each shared measure's values by source and date. One row per figure that names
-- a shared measure (figures.measure_id), beside its article's outlet, title and publication date,
-- so one statistic can be followed across the outlets that quote it. The check
-- sources_agree_on_shared_measures reads from this view; analysts can too.
CREATE OR REPLACE VIEW measure_values AS
SELECT
    f.measure_id,
    f.measure_what,
    f.measure_of_whom,
    f.measure_where,
    f.measure_period,
    f.article_id,
    a.outlet,
    a.title,
    a.published,
    a.published_earliest,
    f.figure_id,
    f.quote,
    f.sentence,
    f.value,
    f.lower,
    f.upper,
    f.kind,
    f.unit,
    f.qualifier
FROM figures AS f
JOIN articles AS a ON a.article_id = f.article_id
WHERE f.measure_id IS NOT NULL;
