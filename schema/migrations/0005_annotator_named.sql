-- When the person chose the local annotator's name (the name colleagues see on their layer).
-- NULL until they do: the name is then the OS account's (or "Me"), and the app asks for one.
-- Workspaces made before this are asked once too, with the name they have as the suggestion.
ALTER TABLE annotators ADD COLUMN named_at TEXT;
