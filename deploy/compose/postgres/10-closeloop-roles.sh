#!/bin/sh
# First start of the compose Postgres: the schemas and roles of deploy/postgres/roles.sql, then each
# role's password from the environment (deploy/compose/.env). Never runs again on an existing volume.
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -f /closeloop/roles.sql

for service in intake routing sla analytics; do
    variable="$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
    password="$(printenv "$variable" || true)"
    if [ -z "$password" ]; then
        echo "$variable is not set" >&2
        exit 1
    fi
    # psql variables quote the password; it never appears in a command line or the server log.
    echo "ALTER ROLE \"$service\" PASSWORD :'password';" \
        | psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v password="$password"
done
