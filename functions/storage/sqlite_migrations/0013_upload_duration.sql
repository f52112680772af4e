-- A voice recording's length in whole seconds, read from its container when it is verified
-- (functions/cases/voice_duration.py): staff see it before they listen. Empty for documents.
ALTER TABLE uploads ADD COLUMN duration INTEGER;
