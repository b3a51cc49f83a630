-- What Castdesk knows about the files of each named storage, so that a sync compares this table
-- instead of asking the storage about every object (one HEAD per object costs time and money).
-- A row is written only after a transfer was verified, or after a file was hashed.
CREATE TABLE storage_manifest (
  storage TEXT NOT NULL,
  storage_key TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  sha256 TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),
  md5 TEXT CHECK (md5 IS NULL OR length(md5) = 32),
  -- the ETag the storage reported (S3), without quotes
  etag TEXT,
  -- the file's modification time in ms (local storages): size and mtime unchanged, hash unchanged
  mtime_ms INTEGER,
  checked TEXT NOT NULL,
  PRIMARY KEY (storage, storage_key)
) STRICT, WITHOUT ROWID;

-- Multipart uploads under way: an interrupted upload resumes from its upload id and the parts
-- that already landed instead of starting again from byte 0.
CREATE TABLE multipart_uploads (
  storage TEXT NOT NULL,
  storage_key TEXT NOT NULL,
  upload_id TEXT NOT NULL,
  -- the content being uploaded: a different file under the same key starts a new upload
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size >= 0),
  part_size INTEGER NOT NULL CHECK (part_size > 0),
  created TEXT NOT NULL,
  PRIMARY KEY (storage, storage_key)
) STRICT;

CREATE TABLE multipart_parts (
  storage TEXT NOT NULL,
  storage_key TEXT NOT NULL,
  part_number INTEGER NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
  etag TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  PRIMARY KEY (storage, storage_key, part_number),
  FOREIGN KEY (storage, storage_key) REFERENCES multipart_uploads (storage, storage_key) ON DELETE CASCADE
) STRICT;

-- Deleted items wait here until `castdesk trash empty`: hidden from their owner, files kept.
CREATE TABLE trash (
  media_id INTEGER PRIMARY KEY REFERENCES media (id) ON DELETE CASCADE,
  trashed TEXT NOT NULL
) STRICT;
