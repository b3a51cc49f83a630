-- Users own every media item.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  created TEXT NOT NULL
) STRICT;

-- Keys being written right now, by which process. A key left here by a process that is gone,
-- whose blob row never landed, is an unreferenced file: the next process to open the library
-- removes it.
CREATE TABLE pending_keys (
  storage_key TEXT PRIMARY KEY,
  pid INTEGER NOT NULL,
  created TEXT NOT NULL
) STRICT;

-- The shared id space of all media: `castdesk show ID` needs no type.
CREATE TABLE media (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  type TEXT NOT NULL CHECK (type IN ('image', 'audio', 'video', 'file')),
  title TEXT NOT NULL DEFAULT '',
  created TEXT NOT NULL,
  modified TEXT NOT NULL
) STRICT;
CREATE INDEX media_owner_type ON media (owner_id, type, id);

-- One row per stored file in the default storage; every row that needs a file points at one,
-- so media_stale, sync and integrity checks read one table. `role` says what the file is.
CREATE TABLE blobs (
  id INTEGER PRIMARY KEY,
  storage_key TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL CHECK (size >= 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  mime TEXT NOT NULL,
  owner_id INTEGER NOT NULL REFERENCES users (id),
  media_id INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('original', 'rendition', 'poster', 'transcript', 'peaks')),
  -- the name the file had on the user's disk (originals only)
  original_name TEXT,
  created TEXT NOT NULL
) STRICT;
CREATE INDEX blobs_media ON blobs (media_id);
-- The same bytes imported twice by one user are a duplicate, not a second copy.
CREATE UNIQUE INDEX blobs_owner_original_sha ON blobs (owner_id, sha256) WHERE role = 'original';


CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE,
  UNIQUE (owner_id, name)
) STRICT;

CREATE TABLE media_tags (
  media_id INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (media_id, tag_id)
) STRICT;

CREATE TABLE images (
  media_id INTEGER PRIMARY KEY REFERENCES media (id) ON DELETE CASCADE,
  blob_id INTEGER NOT NULL UNIQUE REFERENCES blobs (id),
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  format TEXT NOT NULL,
  has_alpha INTEGER NOT NULL DEFAULT 0,
  focal_x INTEGER,
  focal_y INTEGER,
  focal_width INTEGER,
  focal_height INTEGER,
  alt_text TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE renditions (
  id INTEGER PRIMARY KEY,
  image_id INTEGER NOT NULL REFERENCES images (media_id) ON DELETE CASCADE,
  spec TEXT NOT NULL,
  focal_key TEXT NOT NULL DEFAULT '',
  blob_id INTEGER NOT NULL UNIQUE REFERENCES blobs (id),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  format TEXT NOT NULL,
  UNIQUE (image_id, spec, focal_key)
) STRICT;

CREATE TABLE audios (
  media_id INTEGER PRIMARY KEY REFERENCES media (id) ON DELETE CASCADE,
  subtitle TEXT NOT NULL DEFAULT '',
  duration_ms INTEGER,
  -- lower-cased base name shared by the formats of one episode (ep12.mp3 + ep12.m4a)
  group_key TEXT NOT NULL
) STRICT;
CREATE INDEX audios_group_key ON audios (group_key);

CREATE TABLE audio_files (
  audio_id INTEGER NOT NULL REFERENCES audios (media_id) ON DELETE CASCADE,
  format TEXT NOT NULL CHECK (format IN ('mp3', 'm4a', 'oga', 'opus')),
  blob_id INTEGER NOT NULL UNIQUE REFERENCES blobs (id),
  PRIMARY KEY (audio_id, format)
) STRICT;

CREATE TABLE chapter_marks (
  id INTEGER PRIMARY KEY,
  audio_id INTEGER NOT NULL REFERENCES audios (media_id) ON DELETE CASCADE,
  start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
  title TEXT NOT NULL CHECK (title <> ''),
  link TEXT,
  image TEXT,
  UNIQUE (audio_id, start_ms)
) STRICT;

-- One transcript per audio: the uploaded files kept as they are, plus normalised cues.
CREATE TABLE transcripts (
  audio_id INTEGER PRIMARY KEY REFERENCES audios (media_id) ON DELETE CASCADE,
  podlove_blob_id INTEGER REFERENCES blobs (id),
  vtt_blob_id INTEGER REFERENCES blobs (id),
  dote_blob_id INTEGER REFERENCES blobs (id),
  modified TEXT NOT NULL
) STRICT;

CREATE TABLE transcript_cues (
  audio_id INTEGER NOT NULL REFERENCES transcripts (audio_id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  speaker TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  PRIMARY KEY (audio_id, position)
) STRICT;

CREATE TABLE videos (
  media_id INTEGER PRIMARY KEY REFERENCES media (id) ON DELETE CASCADE,
  blob_id INTEGER NOT NULL UNIQUE REFERENCES blobs (id),
  width INTEGER,
  height INTEGER,
  orientation TEXT CHECK (orientation IN ('portrait', 'landscape', 'square')),
  duration_ms INTEGER,
  mime TEXT NOT NULL,
  poster_seconds REAL NOT NULL DEFAULT 1,
  poster_blob_id INTEGER REFERENCES blobs (id)
) STRICT;

CREATE TABLE files (
  media_id INTEGER PRIMARY KEY REFERENCES media (id) ON DELETE CASCADE,
  blob_id INTEGER NOT NULL UNIQUE REFERENCES blobs (id),
  mime TEXT NOT NULL
) STRICT;

-- Persistent job queue: derived work (renditions, posters, uploads) survives a crash.
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  -- whose work it is; NULL for library-wide maintenance
  owner_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
  dedupe_key TEXT UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 3,
  progress REAL NOT NULL DEFAULT 0,
  -- the process running it; a running job whose process is gone is queued again
  worker_pid INTEGER,
  result TEXT,
  error_code TEXT,
  error_message TEXT,
  run_after TEXT NOT NULL,
  created TEXT NOT NULL,
  updated TEXT NOT NULL
) STRICT;
CREATE INDEX jobs_ready ON jobs (state, run_after, id);
