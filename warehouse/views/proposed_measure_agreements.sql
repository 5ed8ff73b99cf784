-- The view proposed_measure_agreements is described, column by column, in schemas/views.py.
-- proposed_measure_agreements: the shared measures the machine proposes (measure_proposals), each
-- article's figure of one set beside the figure of the article published before it (by
-- publication date, then article id; the first figure of each article), judged by the agreement
-- policy as curated shared measures are (measure_agreements). A chain, not every pair: n
-- articles of one proposal make n - 1 comparisons, and any disagreement between two of them
-- shows between two neighbours or spreads along the chain. A proposal is no curated measure: a
-- disagreement warns ('warn'), never fails; 'ok' otherwise.
CREATE OR REPLACE VIEW proposed_measure_agreements AS
WITH members AS (  -- the first figure of each article of a proposal
    SELECT
        p.proposal_id,
        any_value(p.reason) AS reason,
        p.article_id,
        min(p.figure_id) AS figure_id
    FROM measure_proposals AS p
    GROUP BY p.proposal_id, p.article_id
),
chained AS (
    SELECT
        m.proposal_id,
        m.reason,
        m.article_id,
        m.figure_id,
        f.quote,
        f.kind,
        f.unit,
        f.value,
        f.lower,
        f.upper,
        f.hedged,
        f.rounding,
        a.outlet,
        a.published,
        lag(m.article_id) OVER chain AS earlier_article_id,
        lag(m.figure_id) OVER chain AS earlier_figure_id,
        lag(f.quote) OVER chain AS earlier_quote,
        lag(f.value) OVER chain AS earlier_value,
        lag(f.lower) OVER chain AS earlier_lower,
        lag(f.upper) OVER chain AS earlier_upper,
        lag(f.hedged) OVER chain AS earlier_hedged,
        lag(f.rounding) OVER chain AS earlier_rounding,
        lag(a.outlet) OVER chain AS earlier_outlet,
        lag(a.published) OVER chain AS earlier_published
    FROM members AS m
    JOIN figures AS f ON f.article_id = m.article_id AND f.figure_id = m.figure_id
    JOIN articles AS a ON a.article_id = m.article_id
    WINDOW chain AS (PARTITION BY m.proposal_id ORDER BY a.published_earliest, m.article_id)
)
SELECT
    proposal_id,
    reason,
    earlier_article_id,
    earlier_figure_id,
    earlier_outlet,
    earlier_published,
    earlier_quote,
    earlier_value,
    article_id,
    figure_id,
    outlet,
    published,
    quote,
    value,
    relative_gap(earlier_value, value) AS gap,
    CASE agreement_severity(earlier_value, earlier_lower, earlier_upper, earlier_hedged,
            value, lower, upper, hedged, greatest(earlier_rounding, rounding),
            (SELECT agreement_tolerance FROM _quality_policy))
        WHEN 'ok' THEN 'ok' ELSE 'warn'
    END AS severity
FROM chained
WHERE earlier_article_id IS NOT NULL;
