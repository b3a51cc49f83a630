-- Bringing a show in from its RSS feed (castdesk podcast import). The podcast keeps the feed's
-- podcast:guid (its published feed carries it) and the feed URL a later run updates it from.
ALTER TABLE podcasts ADD COLUMN podcast_guid TEXT NOT NULL DEFAULT '';
ALTER TABLE podcasts ADD COLUMN feed_url TEXT NOT NULL DEFAULT '';

-- What the last import set on the podcast: a digest per field (JSON {"field": "sha256"}), so a
-- field the user changed since is kept and reported as a conflict.
CREATE TABLE feed_import_podcasts (
  podcast_id INTEGER PRIMARY KEY REFERENCES podcasts (id) ON DELETE CASCADE,
  feed_url TEXT NOT NULL,
  digests TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(digests)),
  imported TEXT NOT NULL
) STRICT;

-- One row per feed item imported as an episode: how it is matched on the next run (the item's
-- guid exactly as in the feed, else its enclosure URL), whether its media arrived, and the
-- digests of the fields the import set.
CREATE TABLE feed_import_items (
  episode_id INTEGER PRIMARY KEY REFERENCES episodes (id) ON DELETE CASCADE,
  podcast_id INTEGER NOT NULL REFERENCES podcasts (id) ON DELETE CASCADE,
  item_guid TEXT NOT NULL,
  enclosure_url TEXT NOT NULL DEFAULT '',
  -- done: media fetched; failed: the episode stays a draft, error says why; pending: interrupted
  media_state TEXT NOT NULL DEFAULT 'pending' CHECK (media_state IN ('pending', 'done', 'failed', 'skipped')),
  error TEXT,
  -- the feed's publication date, applied once the media arrived
  published TEXT,
  digests TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(digests)),
  imported TEXT NOT NULL,
  UNIQUE (podcast_id, item_guid)
) STRICT;
CREATE INDEX feed_import_items_enclosure ON feed_import_items (podcast_id, enclosure_url);
