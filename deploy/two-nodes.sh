#!/usr/bin/env bash
# Tries the topology of docker-compose.yml without Docker: two procterm nodes on one PostgreSQL
# you already run, then a write on node 1 read back from node 2. Needs the built jar
# (mvn -q -DskipTests package), curl, and an empty database, e.g.:
#   createdb procterm_two_nodes
#   PROCTERM_DB_URL=jdbc:postgresql://127.0.0.1:5432/procterm_two_nodes PROCTERM_DB_USER=$USER deploy/two-nodes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${PROCTERM_DB_URL:?set PROCTERM_DB_URL to a PostgreSQL database}"
export PROCTERM_ADMIN_TOKEN=${PROCTERM_ADMIN_TOKEN:-two-nodes-token}
JAR=server/target/procterm.jar
work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

start() { # port, data folder
  java -jar "$JAR" serve --port "$1" --data "$2" >"$2.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 180); do
    curl -fsS "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "node on port $1 did not become ready; its log: $2.log" >&2
  cat "$2.log" >&2
  exit 1
}

java -jar "$JAR" migrate            # the schema first: serve refuses a database without it
start 8181 "$work/node1"
start 8182 "$work/node2"
echo "two nodes ready on 8181 and 8182"

curl -fsS -X PUT -H "Authorization: Bearer $PROCTERM_ADMIN_TOKEN" -H "Content-Type: application/fhir+json" \
  --data '{"resourceType":"CodeSystem","id":"two-nodes","url":"http://example.org/two-nodes","status":"active","content":"complete","concept":[{"code":"a","display":"Alpha"}]}' \
  http://127.0.0.1:8181/fhir/CodeSystem/two-nodes >/dev/null
start_ms=$(date +%s%3N)
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:8182/fhir/CodeSystem/\$lookup?system=http://example.org/two-nodes&code=a" 2>/dev/null | grep -q Alpha; then
    echo "node 2 answers node 1's write after $(( $(date +%s%3N) - start_ms )) ms"
    exit 0
  fi
  sleep 0.05
done
echo "node 2 did not answer node 1's write within 5 s" >&2
exit 1
