-- Full-text search (FTS5) and API tokens (issue 7).
--
-- Three ordinary FTS5 tables (each keeps its own copy of the text, so a row written in a way the
-- triggers below did not see can never corrupt an index, only leave a stale row that every search
-- drops by joining back to its source):
--   media_fts    one row per item (rowid = media.id): title, subtitle, tags, alt text, file names
--   chapter_fts  one row per chapter mark (rowid = chapter_marks.id)
--   cue_fts      one row per transcript cue (rowid = audio_id * 2^24 + position)
-- Triggers keep them up to date on every write, in the writer's own transaction.

CREATE VIEW media_search_source AS
SELECT
  m.id AS id,
  m.title AS title,
  coalesce((SELECT a.subtitle FROM audios a WHERE a.media_id = m.id), '') AS subtitle,
  coalesce(
    (SELECT group_concat(t.name, ' ') FROM media_tags mt JOIN tags t ON t.id = mt.tag_id
     WHERE mt.media_id = m.id),
    ''
  ) AS tags,
  coalesce((SELECT i.alt_text FROM images i WHERE i.media_id = m.id), '') AS alt_text,
  coalesce(
    (SELECT group_concat(b.original_name, ' ') FROM blobs b
     WHERE b.media_id = m.id AND b.role = 'original' AND b.original_name IS NOT NULL),
    ''
  ) AS file_names
FROM media m;

CREATE VIRTUAL TABLE media_fts USING fts5(
  title, subtitle, tags, alt_text, file_names,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE chapter_fts USING fts5(
  title, audio_id UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE cue_fts USING fts5(
  text, audio_id UNINDEXED, position UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Items: any change to one of the sources rebuilds that item's row.
CREATE TRIGGER media_fts_media_insert AFTER INSERT ON media BEGIN
  DELETE FROM media_fts WHERE rowid = new.id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = new.id;
END;

CREATE TRIGGER media_fts_media_title AFTER UPDATE OF title ON media BEGIN
  DELETE FROM media_fts WHERE rowid = new.id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = new.id;
END;

CREATE TRIGGER media_fts_media_delete AFTER DELETE ON media BEGIN
  DELETE FROM media_fts WHERE rowid = old.id;
END;

CREATE TRIGGER media_fts_audio_insert AFTER INSERT ON audios BEGIN
  DELETE FROM media_fts WHERE rowid = new.media_id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = new.media_id;
END;

CREATE TRIGGER media_fts_audio_subtitle AFTER UPDATE OF subtitle ON audios BEGIN
  DELETE FROM media_fts WHERE rowid = new.media_id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = new.media_id;
END;

CREATE TRIGGER media_fts_image_insert AFTER INSERT ON images BEGIN
  DELETE FROM media_fts WHERE rowid = new.media_id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = new.media_id;
END;

CREATE TRIGGER media_fts_image_alt AFTER UPDATE OF alt_text ON images BEGIN
  DELETE FROM media_fts WHERE rowid = new.media_id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = new.media_id;
END;

CREATE TRIGGER media_fts_blob_insert AFTER INSERT ON blobs WHEN new.role = 'original' BEGIN
  DELETE FROM media_fts WHERE rowid = new.media_id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = new.media_id;
END;

CREATE TRIGGER media_fts_blob_update AFTER UPDATE OF original_name, role, media_id ON blobs BEGIN
  DELETE FROM media_fts WHERE rowid IN (old.media_id, new.media_id);
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source
    WHERE id IN (old.media_id, new.media_id);
END;

CREATE TRIGGER media_fts_blob_delete AFTER DELETE ON blobs WHEN old.role = 'original' BEGIN
  DELETE FROM media_fts WHERE rowid = old.media_id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = old.media_id;
END;

CREATE TRIGGER media_fts_tag_link AFTER INSERT ON media_tags BEGIN
  DELETE FROM media_fts WHERE rowid = new.media_id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = new.media_id;
END;

CREATE TRIGGER media_fts_tag_unlink AFTER DELETE ON media_tags BEGIN
  DELETE FROM media_fts WHERE rowid = old.media_id;
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = old.media_id;
END;

CREATE TRIGGER media_fts_tag_rename AFTER UPDATE OF name ON tags BEGIN
  DELETE FROM media_fts WHERE rowid IN (SELECT media_id FROM media_tags WHERE tag_id = new.id);
  INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
    SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source
    WHERE id IN (SELECT media_id FROM media_tags WHERE tag_id = new.id);
END;

-- Chapter marks.
CREATE TRIGGER chapter_fts_insert AFTER INSERT ON chapter_marks BEGIN
  DELETE FROM chapter_fts WHERE rowid = new.id;
  INSERT INTO chapter_fts (rowid, title, audio_id) VALUES (new.id, new.title, new.audio_id);
END;

CREATE TRIGGER chapter_fts_update AFTER UPDATE ON chapter_marks BEGIN
  DELETE FROM chapter_fts WHERE rowid IN (old.id, new.id);
  INSERT INTO chapter_fts (rowid, title, audio_id) VALUES (new.id, new.title, new.audio_id);
END;

CREATE TRIGGER chapter_fts_delete AFTER DELETE ON chapter_marks BEGIN
  DELETE FROM chapter_fts WHERE rowid = old.id;
END;

-- Transcript cues (positions below 2^24 per audio).
CREATE TRIGGER cue_fts_insert AFTER INSERT ON transcript_cues BEGIN
  DELETE FROM cue_fts WHERE rowid = new.audio_id * 16777216 + new.position;
  INSERT INTO cue_fts (rowid, text, audio_id, position)
    VALUES (new.audio_id * 16777216 + new.position, new.text, new.audio_id, new.position);
END;

CREATE TRIGGER cue_fts_update AFTER UPDATE ON transcript_cues BEGIN
  DELETE FROM cue_fts
    WHERE rowid IN (old.audio_id * 16777216 + old.position, new.audio_id * 16777216 + new.position);
  INSERT INTO cue_fts (rowid, text, audio_id, position)
    VALUES (new.audio_id * 16777216 + new.position, new.text, new.audio_id, new.position);
END;

CREATE TRIGGER cue_fts_delete AFTER DELETE ON transcript_cues BEGIN
  DELETE FROM cue_fts WHERE rowid = old.audio_id * 16777216 + old.position;
END;

-- What the library already holds.
INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
  SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source;
INSERT INTO chapter_fts (rowid, title, audio_id) SELECT id, title, audio_id FROM chapter_marks;
INSERT INTO cue_fts (rowid, text, audio_id, position)
  SELECT audio_id * 16777216 + position, text, audio_id, position FROM transcript_cues;

-- API tokens for `castdesk serve`: only the SHA-256 of each token is kept (a token is 256 random
-- bits, so a plain hash is enough); `hint` is its first characters, to tell tokens apart.
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
  hint TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  created TEXT NOT NULL,
  revoked TEXT
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens (user_id);
