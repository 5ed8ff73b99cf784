-- Each figure's one verdict, and why, written into its row of figures (verdict,
-- verdict_severity, verdict_comparisons, verdict_reason) by the derived_metrics step, once the
-- derived metrics are stored: every figure of the warehouse, since a comparison across articles
-- (a shared measure, a reference value) changes a figure whose own article did not change. Only
-- rows whose verdict changed are written. A figure holds when something compared it with another
-- figure (of its article, another source's figure of its measure) or with a published reference
-- value it was matched with (or a metric derived from it was: the baseline a change implies,
-- against the row of its period), and every such comparison agreed; it is contradicted when one of
-- them warns or errs; unchecked when nothing compared it (a figure held back, in quarantine and
-- not in figures, has its verdict in view verdicts).
-- The comparisons are those of figure_comparisons() (warehouse/views/verdicts.sql), as
-- figure_comparisons.sql stored them just before (_figure_comparisons). A comparison marks both
-- of its figures, each naming the other.
UPDATE figures
SET verdict = judged.verdict, verdict_severity = judged.severity,
    verdict_comparisons = judged.comparisons, verdict_reason = judged.reason
FROM (
    WITH named AS (  -- each comparison with its other figure as a reader finds it: quote, id, article
        SELECT
            s.*,
            '''' || o.quote || ''' (' || s.other_figure_id
                || CASE WHEN s.other_article_id <> s.article_id
                    THEN ' of article ' || s.other_article_id ELSE '' END || ')' AS other
        FROM _figure_comparisons AS s
        JOIN figures AS o ON o.article_id = s.other_article_id AND o.figure_id = s.other_figure_id
        UNION ALL BY NAME
        SELECT  -- and each figure against the published reference values it was matched with,
            -- or that a metric derived from it was (each of the metric's figures)
            g.article_id,
            judged.figure_id,
            g.reference_id AS other_article_id,
            g.row_id AS other_figure_id,
            'check figures_agree_with_reference (' || g.method || ' match)' AS judged_by,
            g.severity,
            CASE WHEN g.compares = 'derived' THEN g.stated || ': ' ELSE '' END
                || as_text(g.value) || ' against ' || as_text(g.reference_value) || ' '
                || g.reference_unit || ', ' || g.reference_period || ' (gap '
                || as_text(round(g.gap, 2)) || ')' AS detail,
            g.publisher || ': ' || as_text(g.reference_value) || ' (' || g.reference_rows || ')'
                AS other
        FROM reference_agreements AS g, unnest(g.figure_ids) AS judged(figure_id)
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
            || 'checked for agreement, no other article states its measure, and no reference value '
            || 'was matched with it') AS reason
    FROM figures AS f
    LEFT JOIN judged AS j ON j.article_id = f.article_id AND j.figure_id = f.figure_id
) AS judged
WHERE figures.article_id = judged.article_id AND figures.figure_id = judged.figure_id
    AND (figures.verdict IS DISTINCT FROM judged.verdict
        OR figures.verdict_severity IS DISTINCT FROM judged.severity
        OR figures.verdict_comparisons IS DISTINCT FROM judged.comparisons
        OR figures.verdict_reason IS DISTINCT FROM judged.reason);
