-- Interval arithmetic for derived metrics.
-- An interval is a pair (lower, upper) of DOUBLEs; an unbounded side is -inf or inf.
-- A product or quotient of two intervals spans the extremes of the four corner products or
-- quotients. Divisors are assumed not to contain 0 (they are counts or growth factors).

CREATE OR REPLACE MACRO interval_mul_lower(a_lower, a_upper, b_lower, b_upper) AS
    least(a_lower * b_lower, a_lower * b_upper, a_upper * b_lower, a_upper * b_upper);

CREATE OR REPLACE MACRO interval_mul_upper(a_lower, a_upper, b_lower, b_upper) AS
    greatest(a_lower * b_lower, a_lower * b_upper, a_upper * b_lower, a_upper * b_upper);

CREATE OR REPLACE MACRO interval_div_lower(a_lower, a_upper, b_lower, b_upper) AS
    least(a_lower / b_lower, a_lower / b_upper, a_upper / b_lower, a_upper / b_upper);

CREATE OR REPLACE MACRO interval_div_upper(a_lower, a_upper, b_lower, b_upper) AS
    greatest(a_lower / b_lower, a_lower / b_upper, a_upper / b_lower, a_upper / b_upper);

-- The growth factor a change states: "116 percent" more is x 2.16, "twice as many" is x 2.
CREATE OR REPLACE MACRO change_factor(relation_type, x) AS
    CASE relation_type WHEN 'percent_change' THEN 1 + x / 100 ELSE x END;

-- A share as a fraction of 1: "20 percent" is 0.2, "one fifth" is already 0.2.
CREATE OR REPLACE MACRO share_fraction(figure_kind, x) AS
    CASE figure_kind WHEN 'percent' THEN x / 100 ELSE x END;

-- Relative gap between two statements of one quantity: |a - b| / min(|a|, |b|).
CREATE OR REPLACE MACRO relative_gap(a, b) AS
    abs(a - b) / least(abs(a), abs(b));

-- Agreement policy: 'ok' when the gap is within the rounding tolerance; 'warn' when the values
-- differ but their intervals overlap (the hedges allow both); 'error' when they cannot both hold.
CREATE OR REPLACE MACRO agreement_severity(gap, a_lower, a_upper, b_lower, b_upper, tolerance) AS
    CASE
        WHEN gap <= tolerance THEN 'ok'
        WHEN a_lower <= b_upper AND b_lower <= a_upper THEN 'warn'
        ELSE 'error'
    END;

-- A number as text for people: 1200 -> '1,200', 555.5555 -> '555.6', 2.16 -> '2.16'.
CREATE OR REPLACE MACRO as_text(x) AS
    CASE
        WHEN isinf(x) THEN CASE WHEN x > 0 THEN 'inf' ELSE '-inf' END
        WHEN x = round(x) AND abs(x) < 1e15 THEN format('{:,}', CAST(x AS BIGINT))
        WHEN abs(x) >= 1000 THEN format('{:,.1f}', x)
        ELSE format('{:.4g}', x)
    END;
