-- A gallery is an ordered list of images; an image may appear more than once.
CREATE TABLE galleries (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- SHA-256 of the ordered image ids joined by ",": the same list is the same gallery
  signature TEXT NOT NULL,
  created TEXT NOT NULL
) STRICT;
CREATE INDEX galleries_owner_signature ON galleries (owner_id, signature);

CREATE TABLE gallery_images (
  gallery_id INTEGER NOT NULL REFERENCES galleries (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  image_id INTEGER NOT NULL REFERENCES images (media_id) ON DELETE CASCADE,
  PRIMARY KEY (gallery_id, position)
) STRICT;
CREATE INDEX gallery_images_image ON gallery_images (image_id);
