-- When an opdracht was finished (afronden), so that the evaluation can
-- measure the lead time submitted → done (issue 11). Opdrachten finished
-- before this migration have none: their lead time is left out, not guessed.
ALTER TABLE opdrachten ADD COLUMN afgerond TEXT;
