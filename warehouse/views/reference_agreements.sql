-- The view reference_agreements is described, column by column, in schemas/views.py.
-- reference_agreements: each figure matched with a reference value (reference_matches), the two
-- set side by side in the reference's unit and judged by the agreement policy: 'ok' when they
-- agree (within the agreement tolerance plus the figure's rounding, or inside the figure's
-- stated hedge), 'warn' when only their intervals overlap, 'error' when they cannot both hold.
-- A found match (not a curated measure id) never says more than 'warn': its disagreement may be
-- a wrong match, for a person to review. The check figures_agree_with_reference and each
-- figure's verdict read it.
CREATE OR REPLACE VIEW reference_agreements AS
WITH matched AS (
    SELECT
        m.article_id,
        m.figure_id,
        f.quote,
        f.hedged,
        f.rounding,
        f.value * m.scale AS figure_value,
        least(f.lower * m.scale, f.upper * m.scale) AS figure_lower,
        greatest(f.lower * m.scale, f.upper * m.scale) AS figure_upper,
        m.method,
        m.score,
        m.reason,
        m.row_id,
        m.reference_id,
        r.what AS reference_what,
        CASE WHEN e.row_id IS NULL THEN r.period ELSE r.period || ' against ' || e.period END
            AS reference_period,
        CASE
            WHEN e.row_id IS NULL THEN r.value
            WHEN f.kind = 'multiplier' THEN r.value / e.value
            ELSE 100 * (r.value / e.value - 1)
        END AS reference_value,
        CASE
            WHEN e.row_id IS NULL THEN r.unit
            WHEN f.kind = 'multiplier' THEN 'times (' || as_text(r.value) || ' / '
                || as_text(e.value) || ' ' || r.unit || ')'
            ELSE 'percent change (' || as_text(e.value) || ' to ' || as_text(r.value) || ' '
                || r.unit || ')'
        END AS reference_unit,
        m.earlier_row_id,
        coalesce(r.source_url, t.url) AS source_url,
        t.publisher
    FROM reference_matches AS m
    JOIN figures AS f ON f.article_id = m.article_id AND f.figure_id = m.figure_id
    JOIN reference_values AS r ON r.row_id = m.row_id
    LEFT JOIN reference_values AS e ON e.row_id = m.earlier_row_id
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
    CASE WHEN agreement = 'error' AND method = 'found' THEN 'warn' ELSE agreement END AS severity
FROM judged;
