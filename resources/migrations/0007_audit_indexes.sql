-- 0007: the Audit page and `trackplanctl audit` filter by entity and by app, newest first in
-- pages; without these a filter read the whole log (which only grows).
CREATE INDEX audit_by_entity ON audit_log (entity_key, seq);
CREATE INDEX audit_by_app ON audit_log (app_key, seq);
