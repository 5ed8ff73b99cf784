-- The view reference_agreements is described, column by column, in schemas/views.py.
-- reference_agreements: each match of published data (reference_matches), what it compares set
-- beside what the published rows make, in the reference's unit, judged by the agreement policy:
-- 'ok' when they agree (within the agreement tolerance plus the rounding, or inside a stated
-- hedge), 'warn' when only their intervals overlap, 'error' when they cannot both hold. What is
-- compared (compares):
-- - value: a figure against the value of one row;
-- - change: a figure stating a change against the change of two rows of a series (later row_id,
--   earlier_row_id): a percent change, or a multiple;
-- - share: a share of a whole against 100 x part / whole of two rows of one table, place, period
--   and unit (part row_id, whole_row_id), a percent;
-- - derived: a derived metric (metric_id: the baseline a change implies, its interval from the
--   interval arithmetic of derived/implied_baselines.sql, its rounding that of its figures as
--   derived/baseline_agreements.sql takes it) against the row of its period.
-- The reference values are taken as exact. A found match (not a curated measure id) never says
-- more than 'warn': its disagreement may be a wrong match, for a person to review. The check
-- figures_agree_with_reference and each figure's verdict (every figure a comparison rests on:
-- figure_ids) read it.
CREATE OR REPLACE VIEW reference_agreements AS
WITH compared AS (  -- what each match compares: a figure's value, or a derived metric's
    SELECT
        m.*,
        CASE
            WHEN m.whole_row_id IS NOT NULL THEN 'share'
            WHEN m.earlier_row_id IS NOT NULL THEN 'change'
            ELSE 'value'
        END AS compares,
        f.quote,
        '''' || f.quote || '''' AS stated,
        f.kind,
        f.hedged,
        f.rounding,
        f.value AS compared_value,
        f.lower AS compared_lower,
        f.upper AS compared_upper,
        [m.figure_id] AS figure_ids
    FROM reference_matches AS m
    JOIN figures AS f ON f.article_id = m.article_id AND f.figure_id = m.figure_id
    WHERE m.metric_id IS NULL
    UNION ALL BY NAME
    SELECT
        m.*,
        'derived' AS compares,
        f.quote,
        'the baseline implied by ''' || f.quote || ''' to ''' || o.quote || ''' ('
            || d.computation || ')' AS stated,
        NULL AS kind,
        f.hedged OR o.hedged AS hedged,
        o.rounding + factor_rounding(r.type, change_subject(r.direction, r.type, f.kind, f.value),
            f.rounding) AS rounding,
        d.value AS compared_value,
        d.lower AS compared_lower,
        d.upper AS compared_upper,
        d.input_figure_ids AS figure_ids
    FROM reference_matches AS m
    JOIN derived_metrics AS d ON d.metric_id = m.metric_id
    -- the relation's figures, as relation_figures reads them (a view named after this one)
    JOIN relations AS r ON r.article_id = d.article_id AND r.relation_id = d.relation_id
    JOIN figures AS f ON f.article_id = r.article_id AND f.figure_id = r.subject_id
    JOIN figures AS o ON o.article_id = r.article_id AND o.figure_id = r.object_id
),
matched AS (
    SELECT
        c.article_id,
        c.figure_id,
        c.metric_id,
        c.compares,
        c.quote,
        c.stated,
        c.hedged,
        c.rounding,
        c.compared_value * c.scale AS figure_value,
        least(c.compared_lower * c.scale, c.compared_upper * c.scale) AS figure_lower,
        greatest(c.compared_lower * c.scale, c.compared_upper * c.scale) AS figure_upper,
        c.method,
        c.score,
        c.reason,
        c.row_id,
        c.reference_id,
        CASE c.compares WHEN 'share' THEN r.what || ', as a share of: ' || w.what ELSE r.what END
            AS reference_what,
        CASE c.compares WHEN 'change' THEN r.period || ' against ' || e.period ELSE r.period END
            AS reference_period,
        CASE c.compares
            WHEN 'change' THEN
                CASE WHEN c.kind = 'multiplier' THEN r.value / e.value
                    ELSE 100 * (r.value / e.value - 1) END
            WHEN 'share' THEN 100 * r.value / w.value
            ELSE r.value
        END AS reference_value,
        CASE c.compares
            WHEN 'change' THEN
                CASE WHEN c.kind = 'multiplier'
                    THEN 'times (' || as_text(r.value) || ' / ' || as_text(e.value) || ' '
                        || r.unit || ')'
                    ELSE 'percent change (' || as_text(e.value) || ' to ' || as_text(r.value)
                        || ' ' || r.unit || ')' END
            WHEN 'share' THEN 'percent (' || as_text(r.value) || ' of ' || as_text(w.value) || ' '
                || r.unit || ')'
            ELSE r.unit
        END AS reference_unit,
        c.earlier_row_id,
        c.whole_row_id,
        CASE c.compares
            WHEN 'change' THEN c.row_id || ' against ' || c.earlier_row_id
            WHEN 'share' THEN c.row_id || ' of ' || c.whole_row_id
            ELSE c.row_id
        END AS reference_rows,
        coalesce(r.source_url, t.url) AS source_url,
        CASE WHEN w.row_id IS NOT NULL THEN coalesce(w.source_url, t.url) END AS whole_source_url,
        t.publisher,
        c.figure_ids
    FROM compared AS c
    JOIN reference_values AS r ON r.row_id = c.row_id
    LEFT JOIN reference_values AS e ON e.row_id = c.earlier_row_id
    LEFT JOIN reference_values AS w ON w.row_id = c.whole_row_id
    JOIN reference_tables AS t ON t.reference_id = r.reference_id
),
judged AS (
    SELECT
        *,
        agreement_severity(figure_value, figure_lower, figure_upper, hedged, reference_value,
            reference_value, reference_value, false, rounding,
            (SELECT agreement_tolerance FROM _quality_policy)) AS agreement
    FROM matched
)
SELECT
    article_id,
    figure_id,
    quote,
    figure_value AS value,
    figure_lower AS lower,
    figure_upper AS upper,
    method,
    score,
    reason,
    row_id,
    reference_id,
    reference_what,
    reference_period,
    reference_value,
    reference_unit,
    earlier_row_id,
    source_url,
    publisher,
    relative_gap(figure_value, reference_value) AS gap,
    CASE WHEN agreement = 'error' AND method = 'found' THEN 'warn' ELSE agreement END AS severity,
    compares,
    metric_id,
    whole_row_id,
    reference_rows,
    whole_source_url,
    stated,
    figure_ids
FROM judged;
