#!/usr/bin/env bash
# Record what real Prisma Migrate does with a migration history, as fixtures for refrakt's tests
# (tests/migrate/fixtures/prisma_history/), so that the tests need no Node.js.
#
#   bash tools/record_prisma_history.sh [ORACLE_DIR]      # default ORACLE_DIR: /tmp/oracle
#
# Needs the Prisma oracle of /work/shared/prisma-oracle (setup.sh): Prisma 6.19.3 and its WASM
# schema engine in ORACLE_DIR/migrate6, which has SQLite and PostgreSQL connectors (no MySQL).
# PostgreSQL: $PGHOST/$PGPORT/$PGUSER (default 127.0.0.1:5432, postgres); the database
# refrakt_oracle_history is dropped and recreated. Per provider (sqlite, postgresql) it records:
#   migrations/          the folder `prisma migrate dev` wrote (init, then add_likes), lock file included
#   history.tsv          the rows Prisma wrote in _prisma_migrations (name, checksum, steps, finished?, logs?)
#   table.txt            Prisma's _prisma_migrations table as the database describes it
#   status.txt           `prisma migrate status` on that database (exit code first)
#   refrakt_migrations/  the same two schema changes, made by `refrakt migrate dev`
#   refrakt_deploy.txt   `prisma migrate deploy` of refrakt_migrations/ on an empty database (exit code first)
#   refrakt_status.txt   then `prisma migrate status` (exit code first)
#   refrakt_history.tsv  the rows Prisma wrote for refrakt's folder
#   failed.txt, failed_history.tsv  `prisma migrate deploy` of a migration whose 2nd statement fails
# and the schemas: schema_v1.prisma, schema_v2.prisma.
set -euo pipefail
ORACLE="${1:-/tmp/oracle}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/tests/migrate/fixtures/prisma_history"
REFRAKT="$ROOT/.venv/bin/refrakt"
PY="$ROOT/.venv/bin/python"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGPASSWORD="${PGPASSWORD:-postgres}"
export PRISMA_SCHEMA_ENGINE_BINARY="$ORACLE/bin/no-schema-engine.sh" PRISMA_QUERY_ENGINE_LIBRARY="$ORACLE/bin/no-schema-engine.sh"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
PGDB=refrakt_oracle_history

WORK="$(mktemp -d /tmp/refrakt-prisma-history.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
ln -s "$ORACLE/node_modules" "$WORK/node_modules"
mkdir -p "$WORK/m6"
ln -s "$ORACLE/migrate6/node_modules" "$WORK/m6/node_modules"
cp "$ORACLE/migrate6/package.json" "$WORK/m6/"

models() {  # $1 = 1 or 2
  cat <<'EOF'

model User {
  id    Int     @id @default(autoincrement())
  email String  @unique
  name  String?
  posts Post[]
EOF
  [ "$1" = 2 ] && echo '  createdAt DateTime @default(now())'
  cat <<'EOF'
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])
EOF
  [ "$1" = 2 ] && echo '  likes    Int    @default(0)'
  cat <<'EOF'

  @@index([title])
}
EOF
}

schema() {  # $1 provider, $2 version, $3 url
  printf 'datasource db {\n  provider = "%s"\n  url      = "%s"\n}\n' "$1" "$3"
  models "$2"
}

prisma() {  # $1 provider, then the arguments; output without the config-file chatter
  local p="$1"; shift
  (cd "$WORK/m6" && npx prisma "$@" --config "prisma.$p.config.ts" 2>&1) \
    | grep -v -E "Unknown user config|WARNING: Your schema specifies|^- url$|The values from your schema will NOT|We recommend you to remove those|Loaded Prisma config|Prisma config detected|^Datasource |^Prisma schema loaded" \
    | sed -e '/^$/N;/^\n$/D'
}

fresh_db() {  # $1 provider
  if [ "$1" = sqlite ]; then rm -f "$WORK/db.sqlite" "$WORK/db.sqlite-journal"; else
    psql -d postgres -q -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" -c "CREATE DATABASE $PGDB"; fi
}

history() {  # $1 provider -> TSV of _prisma_migrations
  local q="SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL, rolled_back_at IS NOT NULL, logs IS NOT NULL FROM _prisma_migrations ORDER BY started_at, migration_name"
  if [ "$1" = sqlite ]; then
    "$PY" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); [print('\t'.join(str(int(v)) if isinstance(v,bool) or isinstance(v,int) else str(v) for v in r)) for r in c.execute(sys.argv[2])]" "$WORK/db.sqlite" "$q"
  else
    psql -d "$PGDB" -At -F $'\t' -c "$q" | sed -e 's/\tt\b/\t1/g; s/\tf\b/\t0/g; s/\tt$/\t1/; s/\tf$/\t0/'
  fi
}

table() {  # $1 provider -> Prisma's _prisma_migrations as described by the database
  if [ "$1" = sqlite ]; then
    "$PY" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT sql FROM sqlite_master WHERE name = '_prisma_migrations'\").fetchone()[0])" "$WORK/db.sqlite"
  else
    psql -d "$PGDB" -At -F ' ' -c "SELECT column_name, data_type, COALESCE(character_maximum_length::text, '-'), is_nullable, COALESCE(column_default, '-') FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position"
  fi
}

for p in sqlite postgresql; do
  echo "== $p"
  D="$OUT/$p"; rm -rf "$D"; mkdir -p "$D"
  rm -rf "$WORK/m6/prisma"; mkdir -p "$WORK/m6/prisma/$p"
  # Prisma's configs, pointed at this work folder's database
  sed -e "s#'../node_modules/#'../node_modules/#" "$ORACLE/migrate6/prisma.$p.config.ts" > "$WORK/m6/prisma.$p.config.ts"
  export SQLITE_FILE="$WORK/db.sqlite" PG_DB="$PGDB"
  url="file:./unused.db"; [ "$p" = postgresql ] && url="postgresql://$PGUSER@$PGHOST:$PGPORT/$PGDB"
  schema "$p" 1 "$url" > "$D/schema_v1.prisma"; schema "$p" 2 "$url" > "$D/schema_v2.prisma"

  # 1. Prisma's own history: migrate dev twice (SQLite: deploy first creates _prisma_migrations, see migrate_demo.sh)
  fresh_db "$p"
  cp "$D/schema_v1.prisma" "$WORK/m6/prisma/$p/schema.prisma"
  [ "$p" = sqlite ] && prisma "$p" migrate deploy > /dev/null
  prisma "$p" migrate dev --name init --skip-generate > /dev/null
  sleep 1  # distinct folder timestamps
  cp "$D/schema_v2.prisma" "$WORK/m6/prisma/$p/schema.prisma"
  prisma "$p" migrate dev --name add_likes --skip-generate > /dev/null
  cp -r "$WORK/m6/prisma/$p/migrations" "$D/migrations"
  history "$p" > "$D/history.tsv"
  table "$p" > "$D/table.txt"
  { set +e; out="$(prisma "$p" migrate status)"; echo "exit $?"; set -e; echo "$out"; } > "$D/status.txt"

  # 2. refrakt's history, deployed by Prisma
  R="$WORK/refrakt-$p"; rm -rf "$R"; mkdir -p "$R/prisma"
  rurl="file:./dev.db"; [ "$p" = postgresql ] && rurl="postgresql://$PGUSER@$PGHOST:$PGPORT/${PGDB}_r"
  [ "$p" = postgresql ] && psql -d postgres -q -c "DROP DATABASE IF EXISTS ${PGDB}_r WITH (FORCE)"
  schema "$p" 1 "$rurl" > "$R/prisma/schema.prisma"
  (cd "$R" && "$REFRAKT" migrate dev --name init > /dev/null 2>&1)
  sleep 1
  schema "$p" 2 "$rurl" > "$R/prisma/schema.prisma"
  (cd "$R" && "$REFRAKT" migrate dev --name add_likes > /dev/null 2>&1)
  [ "$p" = postgresql ] && psql -d postgres -q -c "DROP DATABASE IF EXISTS ${PGDB}_r WITH (FORCE)"
  cp -r "$R/prisma/migrations" "$D/refrakt_migrations"
  fresh_db "$p"
  rm -rf "$WORK/m6/prisma/$p/migrations"; cp -r "$D/refrakt_migrations" "$WORK/m6/prisma/$p/migrations"
  { set +e; out="$(prisma "$p" migrate deploy)"; echo "exit $?"; set -e; echo "$out"; } > "$D/refrakt_deploy.txt"
  { set +e; out="$(prisma "$p" migrate status)"; echo "exit $?"; set -e; echo "$out"; } > "$D/refrakt_status.txt"
  history "$p" > "$D/refrakt_history.tsv"

  # 3. a failing migration
  fresh_db "$p"
  rm -rf "$WORK/m6/prisma/$p/migrations"; mkdir -p "$WORK/m6/prisma/$p/migrations/20250101000000_bad"
  printf 'CREATE TABLE "Tag" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "Nope" VALUES (1);\n' \
    > "$WORK/m6/prisma/$p/migrations/20250101000000_bad/migration.sql"
  { set +e; out="$(prisma "$p" migrate deploy)"; echo "exit $?"; out2="$(prisma "$p" migrate deploy)"; echo "exit $?"; set -e; echo "$out"; echo "-----"; echo "$out2"; } > "$D/failed.txt"
  history "$p" > "$D/failed_history.tsv"
  [ "$p" = postgresql ] && psql -d postgres -q -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)"
done
echo "recorded in $OUT"
