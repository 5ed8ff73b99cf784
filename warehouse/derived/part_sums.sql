-- sum_of_parts: the parts a sentence lists of one whole, added up and compared with it. "749
-- were car occupants, 385 pedestrians and 343 motorcyclists, with cyclists making up the
-- remaining 207" of 1,624 deaths: 1,684, more than 1,624. A list is the part_of relations of one
-- whole whose parts are in one sentence, two or more, when one of them is "the remaining N" or
-- "the rest" (the list is then the whole), or when no part after the first has a verb of its
-- own right after it ("Of those waiting, 1,310 have waited over five years, 1,050 two to five
-- years and 720 less than two": one verb for all, parts of one kind; but "Of the 1,000
-- patients, 700 were over 65 and 600 had diabetes" counts people twice, and is no list). Only a
-- sum larger than the whole is judged: a list may leave out parts the text gives elsewhere, so a
-- smaller sum proves nothing. value is the sum over the whole, severity the agreement policy
-- (macros/10_intervals.sql) with the $agreement_tolerance parameter, rounding allowed for every
-- figure; an 'ok' sum is one that does not exceed its whole beyond that policy.
WITH parts AS (
    SELECT
        r.*,
        f.sentence,
        f.start,
        -- the words right before the part: "... making up the remaining 207" (read in its
        -- sentence, not in the article's body, so that no article's text is loaded)
        list_bool_or(list_transform(
            ['the remaining ', 'the rest ', 'the rest, ', 'the rest of them, '],
            w -> contains(lower(f.sentence), w || lower(r.subject_quote)))) AS closes_list,
        -- a verb right after the part, which then says something of its own: "600 had diabetes"
        -- (the words of relation_cues.NOT_A_NOUN, the finder's look for a verb after a figure)
        regexp_matches(split_part(lower(f.sentence), lower(r.subject_quote), 2),
            '^\s+(were|was|are|is|have|has|had|will|would|could|did|died|said|[a-z]+ed)\b')
            AS own_verb
    FROM relation_figures AS r
    JOIN figures AS f ON f.article_id = r.article_id AND f.figure_id = r.subject_id
    WHERE r.type = 'part_of'
),
placed AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY article_id, object_id, sentence ORDER BY start NULLS FIRST, relation_id
        ) AS place
    FROM parts
),
listed AS (
    SELECT
        article_id,
        -- the list's last part names it (a figure with no place in the body, first)
        last(relation_id ORDER BY start NULLS FIRST, relation_id) AS relation_id,
        object_id,
        bool_or(closes_list) AS closed,
        any_value(object_quote) AS object_quote,
        any_value(object_what) AS object_what,
        any_value(object_value) AS whole,
        any_value(object_lower) AS whole_lower,
        any_value(object_upper) AS whole_upper,
        any_value(object_hedged) AS whole_hedged,
        any_value(object_rounding) AS whole_rounding,
        -- what to review, for each part the machine found
        string_agg(note, '; ' ORDER BY start NULLS FIRST, relation_id)
            FILTER (WHERE origin = 'found') AS found_note,
        count(*) AS n_parts,
        sum(subject_value) AS total,
        sum(subject_lower) AS total_lower,
        sum(subject_upper) AS total_upper,
        bool_or(subject_hedged) AS total_hedged,
        max(subject_rounding) AS total_rounding,
        string_agg(as_text(subject_value), ' + ' ORDER BY start NULLS FIRST, relation_id) AS terms,
        list(subject_id ORDER BY start NULLS FIRST, relation_id) AS part_ids
    FROM placed
    GROUP BY article_id, object_id, sentence
    HAVING count(*) >= 2 AND any_value(object_value) > 0
        AND (bool_or(closes_list) OR NOT bool_or(own_verb AND place > 1))
)
SELECT
    article_id || ':' || relation_id || ':sum_of_parts' AS metric_id,
    article_id,
    relation_id,
    'sum_of_parts' AS metric,
    'the ' || n_parts || ' parts of ''' || object_quote || ''' listed '
        || CASE WHEN closed THEN 'up to the remaining one' ELSE 'in one sentence' END
        || ', added up: ' || object_what AS label,
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
    found_note AS caveat
FROM listed
