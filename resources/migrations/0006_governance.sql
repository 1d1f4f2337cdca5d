-- 0006: governance and review before merge.
-- On PostgreSQL, 0006_governance.pg.sql follows in the same transaction: the roles, grants and
-- guards by which the database itself enforces who may do what (docs/access.md).

-- Each submit for review starts a new round; approvals count only in the current round, so a
-- demand reopened and changed must be approved again.
ALTER TABLE demands ADD COLUMN review_round INTEGER NOT NULL DEFAULT 0;

-- Comments and verdicts on a demand (entity_kind = '') or on one of its changes.
-- verdict: comment | approve | request_changes.
CREATE TABLE reviews (
    id {{ID}},
    demand_id BIGINT NOT NULL REFERENCES demands(id),
    round INTEGER NOT NULL,
    entity_kind TEXT NOT NULL DEFAULT '',
    entity_key TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    verdict TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX reviews_by_demand ON reviews (demand_id, id);

-- A data steward's decision on the level an event gets under a demand (approved | rejected).
-- A level proposed under a demand with no decision for exactly that level is pending.
CREATE TABLE level_approvals (
    id {{ID}},
    demand_id BIGINT NOT NULL REFERENCES demands(id),
    event_key TEXT NOT NULL,
    level TEXT NOT NULL,
    from_level TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    UNIQUE (demand_id, event_key, level)
);

-- Who must approve a demand, per app: a JSON list of rules
-- [{"name": …, "when": "any_change|core_event|breaking_change|level_change|removal|sensitive_attribute",
--   "approvers": ["data_steward", "event_owner", "admin"]}].
CREATE TABLE approval_rules (
    app_id BIGINT NOT NULL PRIMARY KEY REFERENCES apps(id),
    rules TEXT NOT NULL,
    row_version BIGINT NOT NULL DEFAULT 1
);
INSERT INTO approval_rules (app_id, rules)
    SELECT id, '[{"approvers":["data_steward"],"when":"any_change"},{"approvers":["data_steward","event_owner"],"when":"core_event"},{"approvers":["data_steward","event_owner"],"when":"breaking_change"}]' FROM apps;

-- History of the governance policy and the approval rules: one row per change, both states.
CREATE TABLE governance_history (
    id {{ID}},
    app_id BIGINT NOT NULL REFERENCES apps(id),
    kind TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    before_state TEXT NOT NULL,
    after_state TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX governance_history_by_app ON governance_history (app_id, id);
CREATE INDEX audit_by_actor ON audit_log (actor, seq);
