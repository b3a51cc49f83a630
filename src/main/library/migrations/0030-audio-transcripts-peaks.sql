-- The transcript file as the user uploaded it, in any of the five formats Castdesk reads
-- (the podlove/vtt/dote columns of 0010 name django-cast's three; this one names the kept upload).
ALTER TABLE transcripts ADD COLUMN source_blob_id INTEGER REFERENCES blobs (id);
ALTER TABLE transcripts ADD COLUMN source_format TEXT
  CHECK (source_format IN ('podlove-json', 'webvtt', 'dote', 'srt', 'podcasting2-json'));

-- Waveform peaks of an Audio, computed once from one of its files (downmixed to mono): min/max pairs
-- of signed 8-bit values, one pair per `samples_per_peak` samples at `sample_rate`. The row goes when
-- the file it was computed from is replaced (its blob row is deleted).
CREATE TABLE audio_peaks (
  audio_id INTEGER PRIMARY KEY REFERENCES audios (media_id) ON DELETE CASCADE,
  blob_id INTEGER NOT NULL REFERENCES blobs (id) ON DELETE CASCADE,
  format TEXT NOT NULL CHECK (format IN ('mp3', 'm4a', 'oga', 'opus')),
  sample_rate INTEGER NOT NULL CHECK (sample_rate > 0),
  samples_per_peak INTEGER NOT NULL CHECK (samples_per_peak > 0),
  -- number of min/max pairs
  length INTEGER NOT NULL CHECK (length >= 0),
  data BLOB NOT NULL,
  created TEXT NOT NULL
) STRICT;
CREATE INDEX audio_peaks_blob ON audio_peaks (blob_id);
