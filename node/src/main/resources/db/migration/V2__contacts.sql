-- Who has exchanged direct messages with whom: a user of this node (user, a name) hears the
-- presence of each of their contacts (contact, qualified).
CREATE TABLE contacts (
  user    TEXT NOT NULL,
  contact TEXT NOT NULL,
  PRIMARY KEY (user, contact)
) WITHOUT ROWID;
