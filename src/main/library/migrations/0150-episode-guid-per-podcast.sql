-- An episode's GUID is unique within its podcast, not the whole library: two users may import the
-- same show. The GUID's UNIQUE was written on the column (an index SQLite cannot drop), so the
-- table is rebuilt the documented way (the runner turns foreign keys off for migrations and checks
-- them before committing); ids stay the same, so episode_media and feed_import_items still match.
CREATE TABLE episodes_new (
  id INTEGER PRIMARY KEY,
  podcast_id INTEGER NOT NULL REFERENCES podcasts (id) ON DELETE CASCADE,
  owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- the feed's item guid: stable when the title or slug changes
  guid TEXT NOT NULL,
  slug TEXT NOT NULL CHECK (slug <> ''),
  title TEXT NOT NULL CHECK (title <> ''),
  -- UTC ISO-8601; NULL is a draft (never published)
  published TEXT,
  audio_id INTEGER REFERENCES audios (media_id) ON DELETE SET NULL,
  cover_image_id INTEGER REFERENCES images (media_id) ON DELETE SET NULL,
  season INTEGER CHECK (season IS NULL OR season > 0),
  number INTEGER CHECK (number IS NULL OR number > 0),
  episode_type TEXT NOT NULL DEFAULT 'full' CHECK (episode_type IN ('full', 'trailer', 'bonus')),
  -- the blocks, as JSON: [{"id","type":"heading"|"paragraph"|"image"|"gallery"|"audio"|"video",...}]
  body TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(body)),
  created TEXT NOT NULL,
  modified TEXT NOT NULL,
  UNIQUE (podcast_id, slug)
) STRICT;
INSERT INTO episodes_new (id, podcast_id, owner_id, guid, slug, title, published, audio_id,
  cover_image_id, season, number, episode_type, body, created, modified)
SELECT id, podcast_id, owner_id, guid, slug, title, published, audio_id,
  cover_image_id, season, number, episode_type, body, created, modified
FROM episodes;
DROP TABLE episodes;
ALTER TABLE episodes_new RENAME TO episodes;
CREATE INDEX episodes_owner ON episodes (owner_id, published);
CREATE UNIQUE INDEX episodes_podcast_guid ON episodes (podcast_id, guid);

-- A chapter image an import brought into the library: published, the chapter's image is the URL of
-- the library image's published copy. A mark keeps it while its image URL stays the same.
ALTER TABLE chapter_marks ADD COLUMN image_id INTEGER REFERENCES images (media_id) ON DELETE SET NULL;
