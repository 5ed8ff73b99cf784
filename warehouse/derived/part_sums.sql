-- sum_of_parts: the parts a sentence lists up to "the remaining N" or "the rest", added up and
-- compared with their whole. "749 were car occupants, 385 pedestrians and 343 motorcyclists,
-- with cyclists making up the remaining 207" of 1,624 deaths: 1,684, more than 1,624.
-- "The remaining" says the list is the whole, so its parts (the part_of relations of that whole
-- whose figures are in the sentence of the remaining one) add up to it. Only a sum larger than
-- the whole is judged: a list may leave out parts the text gives elsewhere, so a smaller sum
-- proves nothing. value is the sum over the whole, severity the agreement policy
-- (macros/10_intervals.sql) with the $agreement_tolerance parameter, rounding allowed for every
-- figure; an 'ok' sum is one that does not exceed its whole beyond that policy.
WITH parts AS (
    SELECT
        r.*,
        f.sentence,
        -- the words right before the part: "... making up the remaining 207" (read in its
        -- sentence, not in the article's body, so that no article's text is loaded)
        list_bool_or(list_transform(
            ['the remaining ', 'the rest ', 'the rest, ', 'the rest of them, '],
            w -> contains(lower(f.sentence), w || lower(r.subject_quote)))) AS closes_list
    FROM relation_figures AS r
    JOIN figures AS f ON f.article_id = r.article_id AND f.figure_id = r.subject_id
    WHERE r.type = 'part_of'
),
listed AS (
    SELECT
        rest.article_id,
        rest.relation_id,
        rest.object_id,
        any_value(rest.object_quote) AS object_quote,
        any_value(rest.object_what) AS object_what,
        any_value(rest.object_value) AS whole,
        any_value(rest.object_lower) AS whole_lower,
        any_value(rest.object_upper) AS whole_upper,
        any_value(rest.object_hedged) AS whole_hedged,
        any_value(rest.object_rounding) AS whole_rounding,
        any_value(rest.origin) AS origin,
        any_value(rest.note) AS note,
        count(*) AS n_parts,
        sum(p.subject_value) AS total,
        sum(p.subject_lower) AS total_lower,
        sum(p.subject_upper) AS total_upper,
        bool_or(p.subject_hedged) AS total_hedged,
        max(p.subject_rounding) AS total_rounding,
        string_agg(as_text(p.subject_value), ' + ' ORDER BY p.subject_id = rest.subject_id,
            p.subject_id) AS terms,
        list(p.subject_id ORDER BY p.subject_id = rest.subject_id, p.subject_id) AS part_ids
    FROM parts AS rest
    JOIN parts AS p
        ON p.article_id = rest.article_id AND p.object_id = rest.object_id
        AND p.sentence = rest.sentence
    WHERE rest.closes_list
    GROUP BY rest.article_id, rest.relation_id, rest.object_id
    HAVING count(*) >= 2 AND any_value(rest.object_value) > 0
)
SELECT
    article_id || ':' || relation_id || ':sum_of_parts' AS metric_id,
    article_id,
    relation_id,
    'sum_of_parts' AS metric,
    'the ' || n_parts || ' parts of ''' || object_quote || ''' listed up to the remaining one, '
        || 'added up: ' || object_what AS label,
    'sum of the listed parts / whole' AS formula,
    terms || ' = ' || as_text(total) || ', whole ' || as_text(whole) || ': ' || as_text(total)
        || ' / ' || as_text(whole) || ' = ' || as_text(total / whole)
        || ' (gap ' || as_text(relative_gap(whole, total)) || ')' AS computation,
    total / whole AS value,
    interval_div_lower(total_lower, total_upper, whole_lower, whole_upper) AS lower,
    interval_div_upper(total_lower, total_upper, whole_lower, whole_upper) AS upper,
    'ratio' AS unit,
    list_append(part_ids, object_id) AS input_figure_ids,
    relative_gap(whole, total) AS gap,
    CASE
        WHEN total <= whole THEN 'ok'
        ELSE agreement_severity(whole, whole_lower, whole_upper, whole_hedged,
            total, total_lower, total_upper, total_hedged,
            whole_rounding + total_rounding, $agreement_tolerance)
    END AS severity,
    CASE WHEN origin = 'found' THEN note END AS caveat
FROM listed
