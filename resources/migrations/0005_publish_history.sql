-- 0005: history of the publishes to Redis (and their rollbacks) made from this store. Only
-- real publishes are recorded, never dry runs; failed ones too, with the error.
-- Independent of 0004 (metrics): the migrator applies every shipped migration a store has not
-- recorded yet, so 0004 and 0005 may be applied in either order.
CREATE TABLE publish_history (
    id {{ID}},
    app_id BIGINT NOT NULL REFERENCES apps(id),
    action TEXT NOT NULL DEFAULT 'publish',
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    redis_target TEXT NOT NULL,
    snapshot_id TEXT NOT NULL DEFAULT '',
    versions TEXT NOT NULL DEFAULT '{}',
    outcome TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT ''
);
CREATE INDEX publish_history_app ON publish_history (app_id, id);
