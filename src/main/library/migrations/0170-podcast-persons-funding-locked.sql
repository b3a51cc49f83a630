-- Podcasting 2.0 tags a show brings along and Castdesk publishes again: podcast:person (the show's
-- hosts, each episode's guests), podcast:funding and podcast:locked.
-- persons: JSON [{"name","role","group","img","href"}]; funding: JSON [{"url","text"}]
ALTER TABLE podcasts ADD COLUMN persons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(persons));
ALTER TABLE podcasts ADD COLUMN funding TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(funding));
-- '' = no podcast:locked tag; 'yes' / 'no' as the feed says; locked_owner is its owner e-mail
ALTER TABLE podcasts ADD COLUMN locked TEXT NOT NULL DEFAULT '' CHECK (locked IN ('', 'yes', 'no'));
ALTER TABLE podcasts ADD COLUMN locked_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE episodes ADD COLUMN persons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(persons));
