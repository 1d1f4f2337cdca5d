-- 0002: demands with their change sets, the append-only revision history and audit log.
CREATE TABLE demands (
    id {{ID}},
    key TEXT NOT NULL UNIQUE,
    app_id BIGINT NOT NULL REFERENCES apps(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    priority TEXT NOT NULL DEFAULT 'P2',
    external_link TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    row_version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX demands_by_app ON demands (app_id, status);
CREATE TABLE changes (
    id {{ID}},
    demand_id BIGINT NOT NULL REFERENCES demands(id),
    entity_kind TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    op TEXT NOT NULL,
    base_revision INTEGER NOT NULL,
    state TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    row_version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (demand_id, entity_kind, entity_key)
);
-- plan_seq: the app's merge counter when this revision was merged; a snapshot is
-- "every entity's latest revision with plan_seq <= the snapshot's plan_seq".
CREATE TABLE revisions (
    id {{ID}},
    app_id BIGINT NOT NULL REFERENCES apps(id),
    entity_kind TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    revision INTEGER NOT NULL,
    plan_seq BIGINT NOT NULL,
    op TEXT NOT NULL,
    demand_id BIGINT REFERENCES demands(id),
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL,
    UNIQUE (app_id, entity_kind, entity_key, revision)
);
CREATE INDEX revisions_by_seq ON revisions (app_id, plan_seq);
CREATE TABLE audit_log (
    seq {{ID}},
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    app_key TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_time ON audit_log (at);
