-- relation_figures: each validated relation beside its subject and object figures.
-- The derived metrics read from this view; analysts can too.
-- Relations come from figures files, so both of their figures are curated (figures.reviewed):
-- joining only those makes the joins probe the ~10% of figures a curator wrote, not the figures
-- the extractor found in uncurated articles (there is no relation among those).
CREATE OR REPLACE VIEW relation_figures AS
SELECT
    r.article_id,
    r.relation_id,
    r.type,
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
    o.measure_what AS object_what
FROM relations AS r
JOIN figures AS s ON s.article_id = r.article_id AND s.figure_id = r.subject_id AND s.reviewed
JOIN figures AS o ON o.article_id = r.article_id AND o.figure_id = r.object_id AND o.reviewed;
