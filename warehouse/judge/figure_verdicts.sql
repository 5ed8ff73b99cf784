-- Each figure's one verdict, and why, written into its row of figures (verdict,
-- verdict_severity, verdict_comparisons, verdict_reason) by the derived_metrics step, once the
-- derived metrics are stored: every figure of the warehouse, since a comparison across articles
-- (a shared measure) changes a figure whose own article did not change. Only rows whose verdict
-- changed are written. A figure holds when something compared it with another figure (of its
-- article, or another source's figure of its measure) and every such comparison agreed; it is
-- contradicted when one of them warns or errs; unchecked when nothing compared it (a figure held
-- back, in quarantine and not in figures, has its verdict in view verdicts).
-- The comparisons (a quote read against its own value is validation, and a value implied but
-- compared with nothing is no comparison):
-- - every derived metric with a severity, of the figures it compares: its inputs, except, for a
--   metric of several relations ('r1+r2'), a figure none of them has as subject: what the
--   compared statements are about (the 1,200 that "twice as many" and "+116 percent" both
--   change), not one of them;
-- - every pair of figures of one shared measure in two articles (measure_agreements, the policy
--   of sources_agree_on_shared_measures);
-- - every part against its whole (part_whole_comparisons, as parts_do_not_exceed_wholes).
-- A comparison marks both of its figures, each naming the other.
UPDATE figures
SET verdict = judged.verdict, verdict_severity = judged.severity,
    verdict_comparisons = judged.comparisons, verdict_reason = judged.reason
FROM (
    WITH metric_figures AS (
        SELECT d.metric_id, d.article_id, d.metric, d.severity, input.figure_id,
            d.label || ': ' || d.computation AS detail
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
            a.detail
        FROM metric_figures AS a
        JOIN metric_figures AS b ON b.metric_id = a.metric_id AND b.figure_id > a.figure_id
        UNION ALL
        SELECT article_id, subject_id, article_id, object_id, 'check parts_do_not_exceed_wholes',
            severity, 'part ' || as_text(subject_value) || ' of whole ' || as_text(object_value)
        FROM part_whole_comparisons()
        UNION ALL
        SELECT earlier_article_id, earlier_figure_id, article_id, figure_id,
            'check sources_agree_on_shared_measures', severity,
            measure_id || ': ' || as_text(earlier_value) || ' and ' || as_text(value) || ' (gap '
                || as_text(round(gap, 2)) || ')'
        FROM measure_agreements((SELECT agreement_tolerance FROM _quality_policy))
    ),
    sides AS (  -- each comparison from both of its figures
        SELECT article_id, figure_id, other_article_id, other_figure_id, judged_by, severity, detail
        FROM compared
        UNION ALL
        SELECT other_article_id, other_figure_id, article_id, figure_id, judged_by, severity, detail
        FROM compared
    ),
    named AS (  -- each side with its other figure as a reader finds it: quote, id, its article
        SELECT
            s.*,
            '''' || o.quote || ''' (' || s.other_figure_id
                || CASE WHEN s.other_article_id <> s.article_id
                    THEN ' of article ' || s.other_article_id ELSE '' END || ')' AS other
        FROM sides AS s
        JOIN figures AS o ON o.article_id = s.other_article_id AND o.figure_id = s.other_figure_id
    ),
    judged AS (
        SELECT
            article_id,
            figure_id,
            CASE
                WHEN bool_or(severity = 'error') THEN 'error'
                WHEN bool_or(severity = 'warn') THEN 'warn'
                ELSE 'ok'
            END AS severity,
            count(*) AS comparisons,
            coalesce(
                'disagrees with ' || string_agg(
                    other || ', ' || severity || ' by ' || judged_by || ': ' || detail, '; '
                    ORDER BY judged_by, other_article_id, other_figure_id
                ) FILTER (WHERE severity <> 'ok'),
                'agrees with ' || string_agg(
                    other || ' by ' || judged_by || ': ' || detail, '; '
                    ORDER BY judged_by, other_article_id, other_figure_id
                )
            ) AS reason
        FROM named
        GROUP BY article_id, figure_id
    )
    SELECT
        f.article_id,
        f.figure_id,
        CASE
            WHEN j.severity IS NULL THEN 'unchecked'
            WHEN j.severity = 'ok' THEN 'holds'
            ELSE 'contradicted'
        END AS verdict,
        j.severity,
        coalesce(j.comparisons, 0) AS comparisons,
        coalesce(j.reason, 'nothing compared it with another figure: it is in no relation that is '
            || 'checked for agreement, and no other article states its measure') AS reason
    FROM figures AS f
    LEFT JOIN judged AS j ON j.article_id = f.article_id AND j.figure_id = f.figure_id
) AS judged
WHERE figures.article_id = judged.article_id AND figures.figure_id = judged.figure_id
    AND (figures.verdict IS DISTINCT FROM judged.verdict
        OR figures.verdict_severity IS DISTINCT FROM judged.severity
        OR figures.verdict_comparisons IS DISTINCT FROM judged.comparisons
        OR figures.verdict_reason IS DISTINCT FROM judged.reason);
