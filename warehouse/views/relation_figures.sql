-- The view relation_figures is described, column by column, in schemas/views.py.
-- relation_figures: each relation in use beside its subject and object figures, and the figure
-- that states its baseline when the text gives one ("from $2.5 million").
-- The derived metrics read from this view; analysts can too. Relations in use are curated (from
-- figures files, between curated figures) or found by the machine (between the unreviewed figures
-- of an article with no figures file): origin, rule and cue say which. Suggestions (relations
-- found in curated articles that their figures file lacks) are never used.
CREATE OR REPLACE VIEW relation_figures AS
WITH used AS (
    SELECT * FROM relations WHERE origin <> 'suggested'
),
named AS (  -- only the figures the relations name: the joins below are built on them, not on all
    SELECT f.*
    FROM figures AS f
    SEMI JOIN (
        SELECT article_id, unnest([subject_id, object_id, baseline_id]) AS figure_id FROM used
    ) AS n ON n.article_id = f.article_id AND n.figure_id = f.figure_id
)
SELECT
    r.article_id,
    r.relation_id,
    r.type,
    r.direction,
    r.origin,
    r.rule,
    r.cue,
    r.baseline,
    r.base_ambiguous,
    r.note,
    s.figure_id AS subject_id,
    s.quote     AS subject_quote,
    s.kind      AS subject_kind,
    s.unit      AS subject_unit,
    -- a change down ("fell 40 percent") is the figure's value, 40, taken as -40; a fraction that
    -- is a percent change ("down by a third") is in percent, -33.3 (macros/10_intervals.sql)
    change_subject(r.direction, r.type, s.kind, s.value) AS subject_value,
    s.hedged    AS subject_hedged,
    s.rounding  AS subject_rounding,
    change_subject(r.direction, r.type, s.kind, CASE r.direction WHEN 'down' THEN s.upper
        ELSE s.lower END) AS subject_lower,
    change_subject(r.direction, r.type, s.kind, CASE r.direction WHEN 'down' THEN s.lower
        ELSE s.upper END) AS subject_upper,
    coalesce(s.measure_what, '''' || s.quote || '''') AS subject_what,  -- a found measure may be none
    o.figure_id AS object_id,
    o.quote     AS object_quote,
    o.kind      AS object_kind,
    o.unit      AS object_unit,
    o.value     AS object_value,
    o.hedged    AS object_hedged,
    o.rounding  AS object_rounding,
    o.lower     AS object_lower,
    o.upper     AS object_upper,
    coalesce(o.measure_what, '''' || o.quote || '''') AS object_what,
    b.figure_id AS baseline_id,
    b.quote     AS baseline_quote,
    b.value     AS baseline_value,
    b.hedged    AS baseline_hedged,
    b.rounding  AS baseline_rounding,
    b.lower     AS baseline_lower,
    b.upper     AS baseline_upper
FROM used AS r
JOIN named AS s ON s.article_id = r.article_id AND s.figure_id = r.subject_id
JOIN named AS o ON o.article_id = r.article_id AND o.figure_id = r.object_id
LEFT JOIN named AS b ON b.article_id = r.article_id AND b.figure_id = r.baseline_id;
