-- The view verdicts is described, column by column, in schemas/views.py.
-- The comparisons of figures that are not derived metrics, each said once, and each figure's
-- verdict. The checks that flag the disagreeing comparisons (warehouse/checks/) and the judgement
-- of the figures (warehouse/judge/figure_verdicts.sql) read the same rows. Here, not in macros/: a table macro binds when it is created, so
-- it follows the views it reads (measure_values, relation_figures; views run in name order).

-- measure_agreements(tolerance): every pair of figures of one shared measure (measure_id) from
-- two articles, stated as the same kind in the same unit, judged by the agreement policy. The
-- pair is named by its later figure (publication date, then article id). severity is 'error'
-- when the intervals do not overlap; 'ok' otherwise: values that differ beyond the tolerance
-- but whose intervals overlap agree too (the hedges allow both, as "at least 100" and "more
-- than 100"). Pairs whose kind or unit differ are not compared (shared_measures_are_defined_alike).
CREATE OR REPLACE MACRO measure_agreements(tolerance) AS TABLE
SELECT
    earlier.measure_id,
    earlier.article_id AS earlier_article_id,
    earlier.figure_id AS earlier_figure_id,
    earlier.outlet AS earlier_outlet,
    earlier.published AS earlier_published,
    earlier.quote AS earlier_quote,
    earlier.value AS earlier_value,
    earlier.lower AS earlier_lower,
    earlier.upper AS earlier_upper,
    later.article_id,
    later.figure_id,
    later.outlet,
    later.published,
    later.quote,
    later.value,
    later.lower,
    later.upper,
    relative_gap(earlier.value, later.value) AS gap,
    CASE agreement_severity(earlier.value, earlier.lower, earlier.upper, false,
            later.value, later.lower, later.upper, false, 0, tolerance)
        WHEN 'error' THEN 'error' ELSE 'ok'
    END AS severity
FROM measure_values AS earlier
JOIN measure_values AS later
    ON later.measure_id = earlier.measure_id
    AND later.kind = earlier.kind
    AND later.unit = earlier.unit
    AND (later.published_earliest, later.article_id)
        > (earlier.published_earliest, earlier.article_id);

-- part_whole_comparisons(): every part_of relation, its part against its whole. severity is
-- 'ok' when the part is at most the whole, 'error' when even the intervals cannot fit (part
-- lower > whole upper), 'warn' when only the values do not.
CREATE OR REPLACE MACRO part_whole_comparisons() AS TABLE
SELECT
    *,
    CASE
        WHEN subject_value <= object_value THEN 'ok'
        WHEN subject_lower > object_upper THEN 'error'
        ELSE 'warn'
    END AS severity
FROM relation_figures
WHERE type = 'part_of';

-- figure_comparisons(): every comparison that sets a figure beside another, from both of its
-- figures (a row per figure and other figure), with the check or derived metric that made it
-- (judged_by), its severity, its numbers (detail) and how a reader says it (how). The
-- comparisons (a quote read against its own value is validation, and a value implied but
-- compared with nothing is no comparison):
-- - every derived metric with a severity, of the figures it compares: its inputs, except, for a
--   metric of several relations ('r1+r2'), a figure none of them has as subject: what the
--   compared statements are about (the 1,200 that "twice as many" and "+116 percent" both
--   change), not one of them;
-- - every pair of figures of one shared measure in two articles (measure_agreements, the policy
--   of sources_agree_on_shared_measures);
-- - every part against its whole (part_whole_comparisons, as parts_do_not_exceed_wholes);
-- - every pair of neighbours of a shared measure the machine proposes (proposed_measure_agreements).
-- The derived_metrics step stores its rows once a run (table _figure_comparisons,
-- warehouse/judge/figure_comparisons.sql), which each figure's verdict
-- (warehouse/judge/figure_verdicts.sql) and the report's disagreements read.
CREATE OR REPLACE MACRO figure_comparisons() AS TABLE
WITH metric_figures AS (
    SELECT d.metric_id, d.article_id, d.metric, d.severity, input.figure_id,
        d.label || ': ' || d.computation AS detail,
        'by ' || replace(d.metric, '_', ' ') || ' ' || d.computation AS how
    FROM derived_metrics AS d, unnest(d.input_figure_ids) AS input(figure_id)
    WHERE d.severity IS NOT NULL
        AND (d.relation_id NOT LIKE '%+%' OR EXISTS (
            SELECT 1 FROM relations AS r
            WHERE r.article_id = d.article_id AND r.subject_id = input.figure_id
                AND list_contains(string_split(d.relation_id, '+'), r.relation_id)
        ))
),
compared AS (  -- each comparison of two figures, once
    SELECT a.article_id, a.figure_id, b.article_id AS other_article_id,
        b.figure_id AS other_figure_id, 'derived metric ' || a.metric AS judged_by, a.severity,
        a.detail, a.how
    FROM metric_figures AS a
    JOIN metric_figures AS b ON b.metric_id = a.metric_id AND b.figure_id > a.figure_id
    UNION ALL
    SELECT article_id, subject_id, article_id, object_id, 'check parts_do_not_exceed_wholes',
        severity, 'part ' || as_text(subject_value) || ' of whole ' || as_text(object_value),
        CASE WHEN severity = 'ok' THEN 'as a part within its whole'
            ELSE 'as a part larger than its whole' END
    FROM part_whole_comparisons()
    UNION ALL
    SELECT earlier_article_id, earlier_figure_id, article_id, figure_id,
        'check sources_agree_on_shared_measures', severity,
        measure_id || ': ' || as_text(earlier_value) || ' and ' || as_text(value) || ' (gap '
            || as_text(round(gap, 2)) || ')',
        'about the same measure'
    FROM measure_agreements((SELECT agreement_tolerance FROM _quality_policy))
    UNION ALL
    SELECT earlier_article_id, earlier_figure_id, article_id, figure_id,
        'check sources_agree_on_proposed_measures', severity,
        'proposed as one measure: ' || as_text(earlier_value) || ' and ' || as_text(value)
            || ' (gap ' || as_text(round(gap, 2)) || ')',
        'about what the machine proposes is the same measure'
    FROM proposed_measure_agreements
),
sides AS (  -- each comparison from both of its figures
    SELECT article_id, figure_id, other_article_id, other_figure_id, judged_by, severity, detail,
        how
    FROM compared
    UNION ALL
    SELECT other_article_id, other_figure_id, article_id, figure_id, judged_by, severity, detail,
        how
    FROM compared
)
SELECT * FROM sides;

-- verdicts: each figure's one verdict, and why: the verdict columns of figures (judged by
-- warehouse/judge/figure_verdicts.sql after the derived metrics), and a row for each figure held
-- back (in quarantine, not in figures).
CREATE OR REPLACE VIEW verdicts AS
SELECT
    article_id,
    figure_id,
    quote,
    verdict,
    verdict_severity AS severity,
    verdict_comparisons AS comparisons,
    verdict_reason AS reason
FROM figures
UNION ALL
SELECT
    q.article_id,
    q.item_id,
    any_value(q.quote),
    'held_back',
    NULL,
    0,
    'held back (in quarantine, not in figures): '
        || string_agg(q.rule || ': ' || q.message, '; ' ORDER BY q.line, q.rule)
FROM quarantine AS q
WHERE q.stage = 'figures' AND q.article_id IS NOT NULL AND q.item_id IS NOT NULL
    AND NOT EXISTS (
        SELECT 1 FROM figures AS f WHERE f.article_id = q.article_id AND f.figure_id = q.item_id
    )
GROUP BY q.article_id, q.item_id;
