-- 0003: versions, their demands, immutable snapshots, per-app governance policy.
CREATE TABLE versions (
    id {{ID}},
    app_id BIGINT NOT NULL REFERENCES apps(id),
    name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'planning',
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    frozen_at TEXT NOT NULL DEFAULT '',
    released_at TEXT NOT NULL DEFAULT '',
    row_version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (app_id, name)
);
CREATE TABLE version_demands (
    version_id BIGINT NOT NULL REFERENCES versions(id),
    demand_id BIGINT NOT NULL REFERENCES demands(id),
    PRIMARY KEY (version_id, demand_id)
);
CREATE TABLE snapshots (
    id {{ID}},
    version_id BIGINT NOT NULL UNIQUE REFERENCES versions(id),
    plan_seq BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    event_count INTEGER NOT NULL,
    attribute_count INTEGER NOT NULL,
    checksum TEXT NOT NULL
);
CREATE TABLE governance_policies (
    app_id BIGINT NOT NULL REFERENCES apps(id),
    level TEXT NOT NULL,
    reject INTEGER NOT NULL DEFAULT 0,
    quarantine INTEGER NOT NULL DEFAULT 0,
    analytics INTEGER NOT NULL DEFAULT 1,
    sampling_rate {{REAL}} NOT NULL DEFAULT 1,
    warehouse_ods INTEGER NOT NULL DEFAULT 0,
    realtime INTEGER NOT NULL DEFAULT 0,
    health_alerts INTEGER NOT NULL DEFAULT 0,
    row_version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (app_id, level)
);
-- Apps created before this migration get the default policy of DESIGN.md.
INSERT INTO governance_policies (app_id, level, reject, quarantine, analytics, sampling_rate, warehouse_ods, realtime, health_alerts)
    SELECT id, 'A', 1, 1, 0, 0, 0, 0, 0 FROM apps;
INSERT INTO governance_policies (app_id, level, reject, quarantine, analytics, sampling_rate, warehouse_ods, realtime, health_alerts)
    SELECT id, 'B', 0, 0, 1, 1, 0, 0, 0 FROM apps;
INSERT INTO governance_policies (app_id, level, reject, quarantine, analytics, sampling_rate, warehouse_ods, realtime, health_alerts)
    SELECT id, 'C', 0, 0, 1, 1, 1, 0, 0 FROM apps;
INSERT INTO governance_policies (app_id, level, reject, quarantine, analytics, sampling_rate, warehouse_ods, realtime, health_alerts)
    SELECT id, 'D', 0, 0, 1, 1, 1, 1, 1 FROM apps;
