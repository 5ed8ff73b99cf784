-- relation_figures: each validated relation beside its subject and object figures, and the
-- figure that states its baseline when the text gives one ("from $2.5 million").
-- The derived metrics read from this view; analysts can too. Relations are curated (from figures
-- files, between curated figures) or found by the machine (between the unreviewed figures of an
-- article with no figures file): origin, rule and cue say which.
CREATE OR REPLACE VIEW relation_figures AS
SELECT
    r.article_id,
    r.relation_id,
    r.type,
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
    s.value     AS subject_value,
    s.lower     AS subject_lower,
    s.upper     AS subject_upper,
    s.measure_what AS subject_what,
    o.figure_id AS object_id,
    o.quote     AS object_quote,
    o.kind      AS object_kind,
    o.unit      AS object_unit,
    o.value     AS object_value,
    o.lower     AS object_lower,
    o.upper     AS object_upper,
    o.measure_what AS object_what,
    b.figure_id AS baseline_id,
    b.quote     AS baseline_quote,
    b.value     AS baseline_value,
    b.lower     AS baseline_lower,
    b.upper     AS baseline_upper
FROM relations AS r
JOIN figures AS s ON s.article_id = r.article_id AND s.figure_id = r.subject_id
JOIN figures AS o ON o.article_id = r.article_id AND o.figure_id = r.object_id
LEFT JOIN figures AS b ON b.article_id = r.article_id AND b.figure_id = r.baseline_id;
