-- asset: measure_proposals
-- severity: warn
-- description: Figures of different articles that the machine proposes as one shared measure
--   (measure_proposals: their found measures say the same what, of whom, place, kind of value
--   and period) agree, by the agreement policy, each with the one published before it. WARN
--   only: a proposal is to review, not a curated measure; each failing row names both outlets,
--   dates, quotes, values, the gap and why they were proposed. Give both figures one
--   measure.id in their figures files to make it a curated shared measure.
-- judges: proposed pairs of figures in two articles FROM proposed_measure_agreements
--
SELECT
    article_id,
    figure_id AS item_id,
    quote,
    'proposed as one measure (' || reason || '): ' || earlier_outlet || ' (' || earlier_published
        || ', ' || earlier_article_id || ') says ''' || earlier_quote || ''' ('
        || as_text(earlier_value) || '), ' || outlet || ' (' || published || ', ' || article_id
        || ') says ''' || quote || ''' (' || as_text(value) || '): gap '
        || as_text(round(gap, 2)) || '; review the proposal' AS message,
    'the figures of one proposed measure agree' AS expected,
    as_text(earlier_value) || ' and ' || as_text(value) || ' (gap ' || as_text(round(gap, 2))
        || ')' AS found,
    severity
FROM proposed_measure_agreements
WHERE severity <> 'ok'
ORDER BY proposal_id, article_id
