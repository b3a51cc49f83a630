-- The lossless recording an Audio's episode files are made from (WAV, FLAC, AIFF). Its file is a blob
-- (role 'original') under cast_audio/masters/, so sync, backup and media_stale see it like any file;
-- feeds and player data read only audio_files, so it never reaches a listener.
CREATE TABLE audio_masters (
  audio_id INTEGER PRIMARY KEY REFERENCES audios (media_id) ON DELETE CASCADE,
  blob_id INTEGER NOT NULL UNIQUE REFERENCES blobs (id),
  format TEXT NOT NULL CHECK (format IN ('wav', 'flac', 'aiff')),
  sample_rate INTEGER NOT NULL CHECK (sample_rate > 0),
  channels INTEGER NOT NULL CHECK (channels > 0),
  -- bits per sample; NULL when the codec does not say
  bit_depth INTEGER,
  duration_ms INTEGER
) STRICT;

-- EBU R128 loudness of one stored audio file (a master or a delivery file), measured by ffmpeg's
-- ebur128 filter. Digital silence has no integrated loudness: silent = 1 and the numbers are NULL.
-- The row goes with its blob, so a replaced file is measured again.
CREATE TABLE audio_loudness (
  blob_id INTEGER PRIMARY KEY REFERENCES blobs (id) ON DELETE CASCADE,
  integrated_lufs REAL,
  true_peak_dbtp REAL,
  lra_lu REAL,
  silent INTEGER NOT NULL DEFAULT 0 CHECK (silent IN (0, 1)),
  measured TEXT NOT NULL
) STRICT;

-- A request to stop a job (encoding); the process running it checks this while it works.
ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;
