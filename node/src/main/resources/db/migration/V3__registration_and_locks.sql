-- Registration of new names as the operator sets it with `parley-node admin` (open, closed, or by
-- invite), the invite codes, and locked accounts. A node without a row in registration is open, as
-- every node was before.

CREATE TABLE registration (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  mode TEXT NOT NULL
);

CREATE TABLE invites (
  code       TEXT PRIMARY KEY,
  uses_left  INTEGER NOT NULL,
  uses       INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE account_locks (
  name      TEXT PRIMARY KEY,
  locked_at INTEGER NOT NULL,
  locked_by TEXT NOT NULL
);
