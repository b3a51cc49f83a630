-- A user's podcast (one per user) and its episodes: posts made of media blocks, as django-cast's
-- Podcast/Episode pages with their StreamField body.
CREATE TABLE podcasts (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  title TEXT NOT NULL CHECK (title <> ''),
  subtitle TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  -- ISO 639 (e.g. en, en-us)
  language TEXT NOT NULL DEFAULT 'en',
  -- Apple category, a subcategory after " > " (e.g. "Arts > Food")
  category TEXT NOT NULL DEFAULT '',
  explicit INTEGER NOT NULL DEFAULT 0 CHECK (explicit IN (0, 1)),
  author TEXT NOT NULL DEFAULT '',
  owner_name TEXT NOT NULL DEFAULT '',
  owner_email TEXT NOT NULL DEFAULT '',
  cover_image_id INTEGER REFERENCES images (media_id) ON DELETE SET NULL,
  -- where the published site lives, e.g. https://example.org/show/ (feeds need absolute URLs)
  base_url TEXT NOT NULL DEFAULT '',
  created TEXT NOT NULL,
  modified TEXT NOT NULL
) STRICT;

CREATE TABLE episodes (
  id INTEGER PRIMARY KEY,
  podcast_id INTEGER NOT NULL REFERENCES podcasts (id) ON DELETE CASCADE,
  owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- the feed's item guid: stable when the title or slug changes
  guid TEXT NOT NULL UNIQUE,
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
CREATE INDEX episodes_owner ON episodes (owner_id, published);

-- Which media each episode uses (django-cast's sync_media_ids), rewritten on every save: the
-- episode audio and cover, and every block's media. A media item's detail shows these rows.
CREATE TABLE episode_media (
  episode_id INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
  media_id INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('audio', 'cover', 'image', 'gallery', 'video')),
  PRIMARY KEY (episode_id, media_id, role)
) STRICT, WITHOUT ROWID;
CREATE INDEX episode_media_media ON episode_media (media_id);

-- The galleries of an episode's gallery blocks (get_or_create_gallery by signature).
CREATE TABLE episode_galleries (
  episode_id INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
  gallery_id INTEGER NOT NULL REFERENCES galleries (id) ON DELETE CASCADE,
  PRIMARY KEY (episode_id, gallery_id)
) STRICT, WITHOUT ROWID;
