-- 0004: PV, UV and invalid counts per app, day (UTC, YYYY-MM-DD) and event, for the monitoring
-- charts. Written by `trackplanctl validate --db` (one row per event and day of a run; a run
-- replaces the rows of the days and events it saw: UV cannot be summed across runs).
-- `event` is the key as sent, so unplanned events have rows too.
CREATE TABLE metrics (
    app_id BIGINT NOT NULL REFERENCES apps(id),
    day TEXT NOT NULL,
    event TEXT NOT NULL,
    pv BIGINT NOT NULL DEFAULT 0,
    uv BIGINT NOT NULL DEFAULT 0,
    invalid BIGINT NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (app_id, day, event)
);
CREATE INDEX metrics_event_day ON metrics (app_id, event, day);
