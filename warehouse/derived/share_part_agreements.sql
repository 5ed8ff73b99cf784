-- share_part_agreement: a share set beside the part it states, compared with part / whole.
-- "About 1.1 million of them, or 72 percent" of "1.8 million": 1.1 / 1.8 = 0.611, not 0.72.
-- A part_of and a share_of relation of one whole are compared only when the text sets their
-- two figures side by side: one right after the other in their sentence, with only a comma,
-- "or", a dash or an opening parenthesis between them, after "of them" (those, it) at most
-- ("1,120 (6.8%)", "$520 million, or 59 percent", "39 per cent, or 1,843", "1.1 million of
-- them, or 72 percent", "one in four of them, 240", "£30m of it, nearly three quarters").
-- value is the stated share over the share the part makes of the whole, gap their relative
-- difference, severity the agreement policy (macros/10_intervals.sql) with the
-- $agreement_tolerance parameter; rounding is allowed for all three figures.
WITH side_by_side AS (
    SELECT
        p.*,
        p.subject_value / p.object_value AS part_share,  -- the share the part makes of the whole
        interval_div_lower(p.subject_lower, p.subject_upper, p.object_lower, p.object_upper)
            AS part_share_lower,
        interval_div_upper(p.subject_lower, p.subject_upper, p.object_lower, p.object_upper)
            AS part_share_upper,
        s.relation_id AS share_relation_id,
        s.subject_id AS share_id,
        s.subject_quote AS share_quote,
        share_fraction(s.subject_kind, s.subject_value) AS share,
        share_fraction(s.subject_kind, s.subject_lower) AS share_lower,
        share_fraction(s.subject_kind, s.subject_upper) AS share_upper,
        s.subject_hedged AS share_hedged,
        s.subject_rounding AS share_rounding,
        s.origin AS share_origin,
        s.note AS share_note
    FROM relation_figures AS p
    JOIN relation_figures AS s
        ON s.article_id = p.article_id AND s.object_id = p.object_id AND s.type = 'share_of'
    JOIN figures AS pf ON pf.article_id = p.article_id AND pf.figure_id = p.subject_id
    JOIN figures AS sf ON sf.article_id = s.article_id AND sf.figure_id = s.subject_id
    WHERE p.type = 'part_of'
        AND p.object_value > 0
        AND pf.sentence = sf.sentence
        -- side by side in their sentence (read there, not in the article's body, so that no
        -- article's text is loaded), the part first or the share first
        AND list_bool_or(list_transform(
            [', or ', ' (', ', ', ' or ', ' of them, or ', ' of those, or ', ' of it, or ',
                ' of them, ', ' of those, ', ' of it, ', ' - ', ' — '],
            gap -> contains(pf.sentence, p.subject_quote || gap || s.subject_quote)
                OR contains(pf.sentence, s.subject_quote || gap || p.subject_quote)))
)
SELECT
    article_id || ':' || relation_id || '+' || share_relation_id || ':share_part_agreement'
        AS metric_id,
    article_id,
    relation_id || '+' || share_relation_id AS relation_id,
    'share_part_agreement' AS metric,
    '''' || share_quote || ''' as the share ''' || subject_quote || ''' makes of '''
        || object_quote || '''' AS label,
    'stated share / (part / whole)' AS formula,
    as_text(subject_value) || ' / ' || as_text(object_value) || ' = ' || as_text(part_share)
        || ' implied, ' || as_text(share) || ' stated: ' || as_text(share) || ' / '
        || as_text(part_share) || ' = ' || as_text(share / part_share)
        || ' (gap ' || as_text(relative_gap(part_share, share)) || ')' AS computation,
    share / part_share AS value,
    interval_div_lower(share_lower, share_upper, part_share_lower, part_share_upper) AS lower,
    interval_div_upper(share_lower, share_upper, part_share_lower, part_share_upper) AS upper,
    'ratio' AS unit,
    [subject_id, share_id, object_id] AS input_figure_ids,
    relative_gap(part_share, share) AS gap,
    agreement_severity(
        part_share, part_share_lower, part_share_upper, subject_hedged OR object_hedged,
        share, share_lower, share_upper, share_hedged,
        subject_rounding + object_rounding + share_rounding,
        $agreement_tolerance) AS severity,
    CASE WHEN origin = 'found' OR share_origin = 'found' THEN concat_ws('; ', note, share_note) END
        AS caveat
FROM side_by_side
WHERE subject_value > 0 AND share > 0
    -- Relations the machine found may name the wrong whole: when another figure of the article
    -- is the whole that the part and its share imply ("78 per cent, or 321 people" of the "412
    -- respondents", not of the 2,000 surveyed), nothing is judged.
    AND NOT (
        (origin = 'found' OR share_origin = 'found')
        AND EXISTS (
            SELECT 1 FROM figures AS g
            WHERE g.article_id = side_by_side.article_id
                AND g.figure_id NOT IN (side_by_side.subject_id, side_by_side.share_id,
                    side_by_side.object_id)
                AND relative_gap(g.value, subject_value / share)
                    <= $agreement_tolerance + subject_rounding + share_rounding + g.rounding
        )
    )
