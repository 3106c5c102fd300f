# Starts the local PostgreSQL server (installing it when missing) and prepares a throw-away database for
# the tests. Exports SLM_DB_URL, SLM_DB_USER and SLM_DB_PASSWORD; the password is random per run and only
# lives in this process's environment. Sourced by scripts/test.
ensure_postgres() {
  ensure_packages postgresql
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    say "creating PostgreSQL $version cluster 'main'"
    pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
    say "starting PostgreSQL $version"
    pg_ctlcluster "$version" main start
  fi
  local port
  port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
  SLM_DB_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  su postgres -c "psql -q -v ON_ERROR_STOP=1 -p $port" >/dev/null <<SQL
DROP DATABASE IF EXISTS slm_test;
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'slm_test') THEN CREATE ROLE slm_test LOGIN; END IF;
END \$\$;
ALTER ROLE slm_test PASSWORD '$SLM_DB_PASSWORD';
CREATE DATABASE slm_test OWNER slm_test ENCODING 'UTF8';
SQL
  export SLM_DB_URL="jdbc:postgresql://127.0.0.1:$port/slm_test"
  export SLM_DB_USER=slm_test
  export SLM_DB_PASSWORD
  say "PostgreSQL $version ready on port $port (database slm_test)"
}
