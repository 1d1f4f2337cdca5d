-- 0001: apps, users and the plan itself (attributes, events, ordered bindings).
-- {{ID}} and {{REAL}} are replaced per backend (see models/store/migrations.cpp).
-- Booleans are INTEGER 0/1 and times ISO-8601 UTC text on both backends, so that
-- SQLite and PostgreSQL stores export byte-identical JSON.
CREATE TABLE apps (
    id {{ID}},
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    platforms TEXT NOT NULL DEFAULT '[]',
    plan_seq BIGINT NOT NULL DEFAULT 0,
    row_version BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE users (
    id {{ID}},
    name TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    row_version BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE attributes (
    id {{ID}},
    app_id BIGINT NOT NULL REFERENCES apps(id),
    key TEXT NOT NULL,
    norm_key TEXT NOT NULL,
    display_name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL,
    enum_values TEXT NOT NULL DEFAULT '[]',
    pattern TEXT NOT NULL DEFAULT '',
    min_value {{REAL}},
    max_value {{REAL}},
    max_length INTEGER,
    unit TEXT NOT NULL DEFAULT '',
    example TEXT NOT NULL DEFAULT '',
    privacy TEXT NOT NULL DEFAULT 'none',
    attr_groups TEXT NOT NULL DEFAULT '[]',
    is_common INTEGER NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL DEFAULT 1,
    UNIQUE (app_id, key),
    UNIQUE (app_id, norm_key)
);
CREATE TABLE events (
    id {{ID}},
    app_id BIGINT NOT NULL REFERENCES apps(id),
    key TEXT NOT NULL,
    norm_key TEXT NOT NULL,
    display_name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    trigger_text TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    platforms TEXT NOT NULL DEFAULT '[]',
    owner TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL DEFAULT 'B',
    status TEXT NOT NULL DEFAULT 'planned',
    screenshot TEXT NOT NULL DEFAULT '',
    introduced_in TEXT NOT NULL DEFAULT '',
    deprecated_in TEXT NOT NULL DEFAULT '',
    schema_version TEXT NOT NULL DEFAULT '1-0-0',
    revision INTEGER NOT NULL DEFAULT 1,
    UNIQUE (app_id, key),
    UNIQUE (app_id, norm_key)
);
CREATE TABLE bindings (
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    attribute_id BIGINT NOT NULL REFERENCES attributes(id),
    required INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, position)
);
CREATE INDEX bindings_by_attribute ON bindings (attribute_id);
