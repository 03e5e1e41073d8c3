-- Reasons as data: beside each stored sentence, its code and arguments (JSON, read by reason/ReasonJson), so
-- that the API, CLI and pages render it through one Wording and code asks the code rather than the text. Rows
-- from before keep only their sentence and are shown as it is.
ALTER TABLE jobs ADD COLUMN reason_code VARCHAR(48);
ALTER TABLE jobs ADD COLUMN reason_data TEXT;
ALTER TABLE job_events ADD COLUMN reason_code VARCHAR(48);
ALTER TABLE job_events ADD COLUMN reason_data TEXT;
ALTER TABLE job_plans ADD COLUMN reason_code VARCHAR(48);
ALTER TABLE job_plans ADD COLUMN reason_data TEXT;
