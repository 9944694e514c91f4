-- Closeloop database layout: one database, one schema and one login role per service.
--
-- Each role owns its own schema and can reach nothing else: not another service's schema, not the
-- public schema. Migrations run as the service's own role, so a migration cannot touch another
-- service's tables either. Run once per database as its owner or a superuser, before the first
-- migration; running it again is safe (it only adds what is missing and re-applies the grants).
-- Passwords are not set here: set them from your secret store (deploy/README.md, "Database").
--
-- CREATE on the database is granted only because closeloop.db.migrations.run_migrations issues
-- `CREATE SCHEMA IF NOT EXISTS`, which PostgreSQL checks against that privilege even when the schema
-- exists. It lets a role create new, empty schemas; it gives no access to any other service's schema.

REVOKE ALL ON SCHEMA public FROM PUBLIC;

DO $$
DECLARE
    service text;
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    FOREACH service IN ARRAY ARRAY['intake', 'routing', 'sla', 'analytics'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = service) THEN
            EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT', service);
        END IF;
        EXECUTE format('GRANT CONNECT, TEMPORARY, CREATE ON DATABASE %I TO %I', current_database(), service);
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service, service);
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', service, service);
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', service);
        EXECUTE format('ALTER ROLE %I SET search_path = %I', service, service);
    END LOOP;
END
$$;
