-- The view reference_agreements is described, column by column, in schemas/views.py.
-- reference_agreements: each figure matched with a reference value (reference_matches), the two
-- set side by side in the reference's unit and judged by the agreement policy: 'ok' when they
-- agree (within the agreement tolerance plus the figure's rounding, or inside the figure's
-- stated hedge), 'warn' when only their intervals overlap, 'error' when they cannot both hold.
-- A found match (not a curated measure id) never says more than 'warn': its disagreement may be
-- a wrong match, for a person to review. The check figures_agree_with_reference and each
-- figure's verdict read it.
CREATE OR REPLACE VIEW reference_agreements AS
WITH judged AS (
    SELECT
        m.article_id,
        m.figure_id,
        f.quote,
        f.value * m.scale AS value,
        f.lower * m.scale AS lower,
        f.upper * m.scale AS upper,
        m.method,
        m.score,
        m.reason,
        m.row_id,
        m.reference_id,
        r.what AS reference_what,
        r.period AS reference_period,
        r.value AS reference_value,
        r.unit AS reference_unit,
        coalesce(r.source_url, t.url) AS source_url,
        t.publisher,
        agreement_severity(f.value * m.scale, f.lower * m.scale, f.upper * m.scale, f.hedged,
            r.value, r.value, r.value, false, f.rounding,
            (SELECT agreement_tolerance FROM _quality_policy)) AS agreement
    FROM reference_matches AS m
    JOIN figures AS f ON f.article_id = m.article_id AND f.figure_id = m.figure_id
    JOIN reference_values AS r ON r.row_id = m.row_id
    JOIN reference_tables AS t ON t.reference_id = r.reference_id
)
SELECT
    * EXCLUDE (agreement),
    relative_gap(value, reference_value) AS gap,
    CASE WHEN agreement = 'error' AND method = 'found' THEN 'warn' ELSE agreement END AS severity
FROM judged;
