-- The schema as it stood before it had versions, statement for statement. IF NOT EXISTS because a
-- data directory made then has these tables but no history: it is baselined at version 0 and this
-- script creates only what it lacks. Never edit an applied migration (Flyway checks its checksum at
-- every start): change the schema in a new V<n>__<what>.sql.

CREATE TABLE IF NOT EXISTS accounts (
  name          TEXT PRIMARY KEY,
  signing_key   BLOB NOT NULL,
  agreement_key BLOB NOT NULL,
  password_hash TEXT,
  created_at    INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS peer_keys (
  node      TEXT PRIMARY KEY,
  key       BLOB NOT NULL,
  pinned_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS directory (
  origin    TEXT NOT NULL,
  key       TEXT NOT NULL,
  version   INTEGER NOT NULL,
  entry     TEXT NOT NULL,
  signature TEXT NOT NULL,
  PRIMARY KEY (origin, key)
);

CREATE TABLE IF NOT EXISTS outbox (
  row_id      INTEGER PRIMARY KEY,
  destination TEXT NOT NULL,
  header      TEXT NOT NULL,
  body        BLOB NOT NULL
);

CREATE INDEX IF NOT EXISTS outbox_by_destination ON outbox (destination, row_id);

CREATE TABLE IF NOT EXISTS mailbox (
  seq       INTEGER PRIMARY KEY,
  user      TEXT NOT NULL,
  id        TEXT NOT NULL,
  sender    TEXT NOT NULL,
  recipient TEXT NOT NULL,
  sent_at   INTEGER NOT NULL,
  stored_at INTEGER NOT NULL,
  body      BLOB NOT NULL,
  UNIQUE (user, id)
);

CREATE INDEX IF NOT EXISTS mailbox_by_user ON mailbox (user, seq);

CREATE INDEX IF NOT EXISTS mailbox_by_age ON mailbox (stored_at);

CREATE TABLE IF NOT EXISTS groups (
  name    TEXT PRIMARY KEY,
  owner   TEXT NOT NULL,
  open    INTEGER NOT NULL,
  epoch   INTEGER NOT NULL,
  members TEXT NOT NULL,
  invited TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS memberships (
  user  TEXT NOT NULL,
  grp   TEXT NOT NULL,
  PRIMARY KEY (user, grp)
);
