-- 0006 (PostgreSQL only, after 0006_governance.sql in the same transaction): the database itself
-- enforces the role matrix of docs/access.md, so that no login gets around it with raw SQL.
--
--  * Four group roles, cluster-wide: trackplan_product_owner, trackplan_data_steward,
--    trackplan_analyst, trackplan_admin. A login gets one of them (`trackplanctl admin add-user`).
--    The login that creates the store owns its tables and is made an admin.
--  * Grants: every role reads everything; writes are granted table by table (analysts none).
--  * Guards (triggers) for what grants cannot say: a product owner moves a demand only between
--    draft, in review and cancelled, and edits change sets only of drafts.
--  * Who did it: below admin, audit rows, comments, decisions and publish records carry the
--    login's name whatever the client sends.
--  * Logins are created and their roles changed only through tp_grant_login (SECURITY DEFINER),
--    executable by admins only.
-- Functions use $$ bodies: Database::script() keeps them whole.

DO $$
DECLARE
    r TEXT;
BEGIN
    FOREACH r IN ARRAY ARRAY['trackplan_product_owner', 'trackplan_data_steward', 'trackplan_analyst', 'trackplan_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION
                WHEN duplicate_object OR unique_violation THEN NULL;
                WHEN insufficient_privilege THEN
                    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                        MESSAGE = format('TrackPlan sets up its roles when a store is created: the login %s needs the CREATEROLE privilege (or to be a superuser) for that', session_user);
            END;
        END IF;
    END LOOP;
END
$$;
-- The login creating the store is an admin (as the database's owner it is one anyway, below).
DO $$
BEGIN
    EXECUTE format('GRANT trackplan_admin TO %I', current_user);
EXCEPTION
    WHEN insufficient_privilege THEN NULL;
END
$$;

-- The TrackPlan role of a login: admin, data_steward, product_owner, analyst or '' (none).
-- Superusers, the owner of the database and members of trackplan_admin are admins.
CREATE OR REPLACE FUNCTION tp_role_of(login TEXT) RETURNS TEXT LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT CASE
        WHEN r.rolsuper OR pg_has_role(r.oid, 'trackplan_admin', 'MEMBER')
             OR r.oid = (SELECT datdba FROM pg_database WHERE datname = current_database()) THEN 'admin'
        WHEN pg_has_role(r.oid, 'trackplan_data_steward', 'MEMBER') THEN 'data_steward'
        WHEN pg_has_role(r.oid, 'trackplan_product_owner', 'MEMBER') THEN 'product_owner'
        WHEN pg_has_role(r.oid, 'trackplan_analyst', 'MEMBER') THEN 'analyst'
        ELSE '' END
    FROM pg_roles r WHERE r.rolname = login
$$;

CREATE OR REPLACE FUNCTION tp_role() RETURNS TEXT LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
    SELECT COALESCE(tp_role_of(session_user::TEXT), '')
$$;

-- Refuses with SQLSTATE 42501 (insufficient_privilege), as a missing grant does.
CREATE OR REPLACE FUNCTION tp_deny(what TEXT) RETURNS VOID LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = format('%s (%s) may not %s', session_user, COALESCE(NULLIF(tp_role(), ''), 'no TrackPlan role'), what);
END
$$;

-- Below data steward: create demands as drafts; move them only draft -> in_review (submit),
-- in_review/approved/rejected -> draft (reopen) and draft/in_review/approved -> cancelled;
-- never approve, reject or merge.
CREATE OR REPLACE FUNCTION tp_guard_demands() RETURNS TRIGGER LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    IF tp_role() IN ('admin', 'data_steward') THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'draft' OR NEW.review_round <> 0 THEN
            PERFORM tp_deny(format('create demand %s as %s', NEW.key, NEW.status));
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
           (OLD.status = 'draft' AND NEW.status = 'in_review')
        OR (OLD.status IN ('in_review', 'approved', 'rejected') AND NEW.status = 'draft')
        OR (OLD.status IN ('draft', 'in_review', 'approved') AND NEW.status = 'cancelled')) THEN
        PERFORM tp_deny(format('move demand %s from %s to %s', OLD.key, OLD.status, NEW.status));
    END IF;
    IF NEW.review_round IS DISTINCT FROM OLD.review_round
       AND NOT (NEW.review_round = OLD.review_round + 1 AND NEW.status = 'in_review' AND OLD.status = 'draft') THEN
        PERFORM tp_deny(format('change the review round of demand %s', OLD.key));
    END IF;
    IF NEW.key IS DISTINCT FROM OLD.key OR NEW.app_id IS DISTINCT FROM OLD.app_id THEN
        PERFORM tp_deny(format('move demand %s', OLD.key));
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER demands_guard BEFORE INSERT OR UPDATE ON demands FOR EACH ROW EXECUTE FUNCTION tp_guard_demands();

-- Below data steward: change sets are edited only while their demand is a draft.
CREATE OR REPLACE FUNCTION tp_guard_changes() RETURNS TRIGGER LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    st TEXT;
BEGIN
    IF tp_role() IN ('admin', 'data_steward') THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        SELECT status INTO st FROM demands WHERE id = OLD.demand_id;
        IF st IS DISTINCT FROM 'draft' THEN
            PERFORM tp_deny(format('change a demand that is %s', st));
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT status INTO st FROM demands WHERE id = NEW.demand_id;
        IF st IS DISTINCT FROM 'draft' THEN
            PERFORM tp_deny(format('change a demand that is %s', st));
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER changes_guard BEFORE INSERT OR UPDATE OR DELETE ON changes FOR EACH ROW EXECUTE FUNCTION tp_guard_changes();

-- Below admin, the column named by the trigger's argument is the login's name: nobody records
-- an audit row, a comment or a decision in someone else's name. (Admins may: import and the demo
-- replay the names of others.)
CREATE OR REPLACE FUNCTION tp_stamp_login() RETURNS TRIGGER LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    IF tp_role() <> 'admin' THEN
        NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], session_user::TEXT));
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_actor BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION tp_stamp_login('actor');
CREATE TRIGGER reviews_author BEFORE INSERT ON reviews FOR EACH ROW EXECUTE FUNCTION tp_stamp_login('author');
CREATE TRIGGER level_approvals_by BEFORE INSERT OR UPDATE ON level_approvals FOR EACH ROW EXECUTE FUNCTION tp_stamp_login('decided_by');
CREATE TRIGGER governance_history_by BEFORE INSERT ON governance_history FOR EACH ROW EXECUTE FUNCTION tp_stamp_login('changed_by');
CREATE TRIGGER publish_history_by BEFORE INSERT ON publish_history FOR EACH ROW EXECUTE FUNCTION tp_stamp_login('published_by');

-- Creates the login if needed (password: a SCRAM-SHA-256 verifier computed by the client, or
-- empty for none), and makes `role` its only TrackPlan role. Admins only.
CREATE OR REPLACE FUNCTION tp_grant_login(login TEXT, role TEXT, password TEXT) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    r TEXT;
BEGIN
    IF tp_role() <> 'admin' THEN
        PERFORM tp_deny('manage users and roles');
    END IF;
    IF role NOT IN ('product_owner', 'data_steward', 'analyst', 'admin') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = format('unknown role %s', role);
    END IF;
    IF login LIKE 'trackplan\_%' OR login LIKE 'pg\_%' THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = format('reserved login name %s', login);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        IF COALESCE(password, '') = '' THEN
            EXECUTE format('CREATE ROLE %I LOGIN', login);
        ELSE
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', login, password);
        END IF;
    ELSE
        IF (SELECT rolsuper FROM pg_roles WHERE rolname = login) THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format('%s is a superuser; TrackPlan does not change its roles', login);
        END IF;
        IF COALESCE(password, '') <> '' THEN
            EXECUTE format('ALTER ROLE %I PASSWORD %L', login, password);
        END IF;
    END IF;
    FOREACH r IN ARRAY ARRAY['trackplan_product_owner', 'trackplan_data_steward', 'trackplan_analyst', 'trackplan_admin'] LOOP
        IF r <> ('trackplan_' || role) AND EXISTS (
            SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
            WHERE g.rolname = r AND u.rolname = login) THEN
            EXECUTE format('REVOKE %I FROM %I', r, login);
        END IF;
    END LOOP;
    EXECUTE format('GRANT %I TO %I', 'trackplan_' || role, login);
END
$$;

-- Grants. Tables created by later migrations need their own.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON FUNCTION tp_grant_login(TEXT, TEXT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tp_grant_login(TEXT, TEXT, TEXT) TO trackplan_admin;
GRANT USAGE ON SCHEMA public TO trackplan_product_owner, trackplan_data_steward, trackplan_analyst, trackplan_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO trackplan_product_owner, trackplan_data_steward, trackplan_analyst, trackplan_admin;
-- product owners: demands and their change sets, the versions they target, comments
GRANT INSERT, UPDATE ON demands TO trackplan_product_owner, trackplan_data_steward, trackplan_admin;
GRANT INSERT, UPDATE, DELETE ON changes TO trackplan_product_owner, trackplan_data_steward, trackplan_admin;
GRANT INSERT ON version_demands TO trackplan_product_owner;
GRANT INSERT ON reviews TO trackplan_product_owner, trackplan_data_steward, trackplan_admin;
GRANT INSERT ON audit_log TO trackplan_product_owner, trackplan_data_steward, trackplan_admin;
-- data stewards: merge, versions, governance, publishing, metrics
GRANT INSERT, UPDATE, DELETE ON attributes, events, bindings, versions, version_demands, snapshots,
    governance_policies, approval_rules, level_approvals, metrics TO trackplan_data_steward, trackplan_admin;
GRANT INSERT ON revisions, governance_history, publish_history TO trackplan_data_steward, trackplan_admin;
GRANT UPDATE (plan_seq) ON apps TO trackplan_data_steward;
-- admins: apps and users too; nobody rewrites revisions, the audit log or the histories
GRANT INSERT, UPDATE, DELETE ON apps, users TO trackplan_admin;
