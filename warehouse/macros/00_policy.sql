-- The quality policy's SQL parameters, kept in the file: views take no parameters, so the view
-- verdicts judges with these (the checks are given theirs when they run). The parameter is bound
-- in the last statement, as DuckDB requires.
CREATE OR REPLACE TABLE _quality_policy (agreement_tolerance DOUBLE);

COMMENT ON TABLE _quality_policy IS 'Internal: the quality policy (agreement_tolerance) the views of this file judge with, as the run that built it was given.';
COMMENT ON COLUMN _quality_policy.agreement_tolerance IS 'ETL_AGREEMENT_TOLERANCE of the run that built the file: the largest relative gap two statements of one quantity may have and still agree.';

INSERT INTO _quality_policy VALUES ($agreement_tolerance);
