-- A video's poster is an Image item of the same owner (so it gets renditions like any image),
-- linked here. Deleting the video or the poster image removes the link, nothing else; the
-- poster's file (role 'poster', under cast_videos/poster/) belongs to the image.
-- videos.poster_blob_id (0010) stays NULL: a foreign key from videos to the image's blob would make
-- deleting the poster image fail.
CREATE TABLE video_posters (
  video_id INTEGER PRIMARY KEY REFERENCES videos (media_id) ON DELETE CASCADE,
  image_id INTEGER NOT NULL UNIQUE REFERENCES images (media_id) ON DELETE CASCADE,
  -- where in the video the frame was taken (poster_seconds clamped into the duration)
  seconds REAL NOT NULL CHECK (seconds >= 0),
  created TEXT NOT NULL
) STRICT;

-- Codecs as ffprobe names them (h264, vp9, aac, opus, ...); NULL when unknown or absent.
ALTER TABLE videos ADD COLUMN video_codec TEXT;
ALTER TABLE videos ADD COLUMN audio_codec TEXT;
