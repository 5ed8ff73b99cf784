-- Interval arithmetic for derived metrics.
-- An interval is a pair (lower, upper) of DOUBLEs with lower <= value <= upper, where value, the
-- figure's own number, is finite; an unbounded side is -inf or inf ("at least 100" is
-- [100, inf], "less than 5 percent" is [-inf, 5]). So a lower bound is never inf and an upper
-- bound never -inf. The bounds are hulls: the interval of a result is the smallest closed
-- interval of the extended reals that holds every result of numbers taken from the inputs'
-- intervals (an infinite bound is approached, never taken). IEEE arithmetic alone gets most of
-- it right; the rules below replace the cases where it says NaN (inf - inf, 0 * inf, inf / inf,
-- 0 / 0) or an infinity of the wrong sign (x / 0 when a divisor's interval reaches 0), so that
-- greatest() and least() never see a NaN (either returns NaN if any argument is).
--
-- Sum and difference: [a] - [b] = [a_lower - b_upper, a_upper - b_lower]. No rule needed:
--   a lower bound minus an upper bound is (-inf or finite) - (finite or inf), never inf - inf;
--   likewise an upper minus a lower.
-- Product: [a] x [b] spans the least and greatest of the four corner products, where a corner
--   0 x (+-inf) counts as 0 (`bound_product`). That corner stands for a number exactly 0 times
--   numbers growing without bound, whose products are all 0; the products of small nonzero
--   numbers with large ones lie between the other corners, which the hull already spans
--   (e.g. [0, 2] x [100, inf] = [0, inf]; [0, 0] x [5, inf] = [0, 0]).
-- Quotient: [a] / [b], by where 0 lies in the divisor (a y of [b] is never 0 itself):
--   0 not in [b]       the least and greatest of the four corner quotients, where a corner
--                      x / (+-inf) counts as 0 (`bound_quotient`; IEEE says 0 for a finite x
--                      but NaN for x = +-inf): numbers divided by numbers growing without bound
--                      come near 0, and where the numerators grow too, the other corners span
--                      what they allow ([100, inf] / [100, inf] = [0, inf], the top from the
--                      corner inf / 100).
--   b_lower = 0 < b_upper  (y in (0, b_upper]): a y near 0 sends x / y to -inf for x < 0 and
--                      to inf for x > 0, so lower = -inf if a_lower < 0, else
--                      a_lower / b_upper; upper = inf if a_upper > 0, else a_upper / b_upper.
--   b_lower < 0 = b_upper  (y in [b_lower, 0)): the mirror image: lower = -inf if a_upper > 0,
--                      else a_upper / b_lower; upper = inf if a_lower < 0, else
--                      a_lower / b_lower.
--   b_lower < 0 < b_upper  (or [b] is [0, 0]): [-inf, inf], but [0, 0] when [a] is [0, 0].
--   The cases are told apart by comparisons, never by the sign of a zero (1 / -0.0 is -inf),
--   and the finite corners are the very quotients x / y, as before these rules. A divisor
--   interval may reach 0 ("at most 50 percent" as a growth factor is [-inf, 1.5]); each model
--   keeps out a divisor whose value is 0 (no ratio to zero), so the value is always finite.
-- Relative gap: |a - b| / min(|a|, |b|), of the values (finite): 0 when a = b (also 0 and 0),
--   inf when one of them is 0 or infinite and the other is not.
-- Overlap: a_lower <= b_upper AND b_lower <= a_upper, comparisons that hold for infinite bounds
--   (inf <= inf); closed bounds: "at most 100" and "more than 100" touch at 100.
-- tests/test_open_intervals.py checks these over every pair of qualifiers and every relation.

-- A corner product of two bounds: 0 x (+-inf) is 0 (IEEE says NaN).
CREATE OR REPLACE MACRO bound_product(x, y) AS
    CASE WHEN x = 0 OR y = 0 THEN 0::DOUBLE ELSE x * y END;

CREATE OR REPLACE MACRO interval_mul_lower(a_lower, a_upper, b_lower, b_upper) AS
    least(bound_product(a_lower, b_lower), bound_product(a_lower, b_upper),
        bound_product(a_upper, b_lower), bound_product(a_upper, b_upper));

CREATE OR REPLACE MACRO interval_mul_upper(a_lower, a_upper, b_lower, b_upper) AS
    greatest(bound_product(a_lower, b_lower), bound_product(a_lower, b_upper),
        bound_product(a_upper, b_lower), bound_product(a_upper, b_upper));

-- A corner quotient when 0 is not in the divisor's interval: x / (+-inf) is 0 (IEEE says NaN
-- for x = +-inf).
CREATE OR REPLACE MACRO bound_quotient(x, y) AS
    CASE WHEN isinf(y) THEN 0::DOUBLE ELSE x / y END;

CREATE OR REPLACE MACRO interval_div_lower(a_lower, a_upper, b_lower, b_upper) AS
    CASE
        WHEN b_lower > 0 OR b_upper < 0 THEN
            least(bound_quotient(a_lower, b_lower), bound_quotient(a_lower, b_upper),
                bound_quotient(a_upper, b_lower), bound_quotient(a_upper, b_upper))
        WHEN b_lower = 0 AND b_upper > 0 THEN
            CASE WHEN a_lower < 0 THEN -'inf'::DOUBLE ELSE bound_quotient(a_lower, b_upper) END
        WHEN b_lower < 0 AND b_upper = 0 THEN
            CASE WHEN a_upper > 0 THEN -'inf'::DOUBLE ELSE bound_quotient(a_upper, b_lower) END
        WHEN a_lower = 0 AND a_upper = 0 THEN 0::DOUBLE
        ELSE -'inf'::DOUBLE
    END;

CREATE OR REPLACE MACRO interval_div_upper(a_lower, a_upper, b_lower, b_upper) AS
    CASE
        WHEN b_lower > 0 OR b_upper < 0 THEN
            greatest(bound_quotient(a_lower, b_lower), bound_quotient(a_lower, b_upper),
                bound_quotient(a_upper, b_lower), bound_quotient(a_upper, b_upper))
        WHEN b_lower = 0 AND b_upper > 0 THEN
            CASE WHEN a_upper > 0 THEN 'inf'::DOUBLE ELSE bound_quotient(a_upper, b_upper) END
        WHEN b_lower < 0 AND b_upper = 0 THEN
            CASE WHEN a_lower < 0 THEN 'inf'::DOUBLE ELSE bound_quotient(a_lower, b_lower) END
        WHEN a_lower = 0 AND a_upper = 0 THEN 0::DOUBLE
        ELSE 'inf'::DOUBLE
    END;

-- The growth factor a change states: "116 percent" more is x 2.16, "twice as many" is x 2.
CREATE OR REPLACE MACRO change_factor(relation_type, x) AS
    CASE relation_type WHEN 'percent_change' THEN 1 + x / 100 ELSE x END;

-- The interval of the value a change started from: the interval of the value after the change
-- divided by the interval of its growth factor (1,200 after +116 percent started from 555.6).
CREATE OR REPLACE MACRO baseline_lower(relation_type, after_lower, after_upper, x_lower, x_upper) AS
    interval_div_lower(after_lower, after_upper,
        change_factor(relation_type, x_lower), change_factor(relation_type, x_upper));
CREATE OR REPLACE MACRO baseline_upper(relation_type, after_lower, after_upper, x_lower, x_upper) AS
    interval_div_upper(after_lower, after_upper,
        change_factor(relation_type, x_lower), change_factor(relation_type, x_upper));

-- A share as a fraction of 1: "20 percent" is 0.2, "one fifth" is already 0.2.
CREATE OR REPLACE MACRO share_fraction(figure_kind, x) AS
    CASE figure_kind WHEN 'percent' THEN x / 100 ELSE x END;

-- Relative gap between two statements of one quantity: |a - b| / min(|a|, |b|).
-- 0 when they are equal; inf when one is 0 or infinite and the other is not (see above).
CREATE OR REPLACE MACRO relative_gap(a, b) AS
    CASE
        WHEN a = b THEN 0::DOUBLE
        WHEN isinf(a) OR isinf(b) THEN 'inf'::DOUBLE
        ELSE abs(a - b) / least(abs(a), abs(b))
    END;

-- Agreement policy for two statements a and b of one quantity: 'ok' when their relative gap is
-- within the tolerance plus how far the text may have rounded them (rounding: "£2bn" restating
-- "£1.96 billion" is 2 percent apart, within the half billion of its last digit), or when one
-- lies inside the other's interval and that interval comes from a hedge the text states
-- ("nearly three times" holds x2.81; "more than doubled" holds x2.36; "some 1,200" holds
-- 1,150); 'warn' when their intervals overlap otherwise (a value read as rounded, "Twice as
-- many" against x2.16, or two hedges that only meet); 'error' when the intervals do not
-- overlap: they cannot both hold.
CREATE OR REPLACE MACRO agreement_severity(
    a, a_lower, a_upper, a_hedged, b, b_lower, b_upper, b_hedged, rounding, tolerance) AS
    CASE
        WHEN relative_gap(a, b) <= tolerance + rounding THEN 'ok'
        WHEN (a_hedged AND a_lower <= b AND b <= a_upper)
            OR (b_hedged AND b_lower <= a AND a <= b_upper) THEN 'ok'
        WHEN a_lower <= b_upper AND b_lower <= a_upper THEN 'warn'
        ELSE 'error'
    END;

-- A change's figure signed and in percent, as relations read it: a change down ("fell 40
-- percent") is the figure's value taken as -40; a fraction that is a percent change ("down by a
-- third") is in percent, -33.3. x is the figure's value (or the bound that becomes the lower or
-- upper one once negated).
CREATE OR REPLACE MACRO change_subject(direction, relation_type, figure_kind, x) AS
    CASE direction WHEN 'down' THEN -x ELSE x END
        * CASE WHEN relation_type = 'percent_change' AND figure_kind = 'ratio' THEN 100 ELSE 1 END;

-- How far a change's growth factor may have been rounded, relative to it, from the rounding of
-- its figure: "116 percent" (0.5 of 116) is x2.16 give or take 0.005, relatively 0.0023.
CREATE OR REPLACE MACRO factor_rounding(relation_type, x, rounding) AS
    CASE
        WHEN relation_type <> 'percent_change' THEN rounding
        WHEN change_factor(relation_type, x) = 0 THEN 0
        ELSE rounding * abs(x) / 100 / abs(change_factor(relation_type, x))
    END;

-- A number as text for people: 1200 -> '1,200', 555.5555 -> '555.6', 2.16 -> '2.16'.
CREATE OR REPLACE MACRO as_text(x) AS
    CASE
        WHEN isinf(x) THEN CASE WHEN x > 0 THEN 'inf' ELSE '-inf' END
        WHEN isnan(x) THEN 'NaN'  -- a row to hold back, said as it is (CAST would fail the query)
        WHEN x = round(x) AND abs(x) < 1e15 THEN format('{:,}', CAST(x AS BIGINT))
        WHEN abs(x) >= 1000 THEN format('{:,.1f}', x)
        ELSE format('{:.4g}', x)
    END;
