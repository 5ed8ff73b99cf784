-- Every comparison of figure_comparisons() (warehouse/views/verdicts.sql), from both of its
-- figures, stored once a run by the derived_metrics step before the figures are judged
-- (figure_verdicts.sql): the judgement and the report's disagreements
-- (warehouse/report/contradictions.sql) read these rows instead of computing them each. Every
-- comparison of the warehouse, each run: an article added to a shared measure changes the
-- comparisons of another that did not change. Its columns' comments are in core/tables.py.
CREATE OR REPLACE TABLE _figure_comparisons AS
SELECT * FROM figure_comparisons();
