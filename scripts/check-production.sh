#!/usr/bin/env bash
# The README's production section, run as written on a clean clone of this repository:
# install without dev dependencies, assets, migrate, reference data, collectstatic with the
# manifest storage, `check --deploy` with production settings, then gunicorn on a loopback
# port with DEBUG off, and pages, API calls and a static file that must answer 200.
#
# Usage: scripts/check-production.sh [--keep]
#   DATABASE_URL  used as is when set (PostgreSQL); SQLite in a temporary folder otherwise.
#   --keep        leaves the temporary folder in place and prints its path.
# Needs: git, uv, npm, curl. Touches nothing outside its temporary folder.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
keep=false
[[ "${1:-}" == "--keep" ]] && keep=true

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
gunicorn_pid=""

finish() {
  local status=$?
  if [[ -n "$gunicorn_pid" ]]; then
    # uv and gunicorn's master and workers share one process group: stop them all.
    kill -- "-$gunicorn_pid" 2>/dev/null || true
    wait "$gunicorn_pid" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -f "$work/gunicorn.log" ]]; then
    echo "--- gunicorn log (last 40 lines) ---" >&2
    tail -n 40 "$work/gunicorn.log" >&2
  fi
  if $keep; then
    echo "kept: $work"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap finish EXIT

step() { printf '\n--> %s\n' "$*"; }

step "clean clone"
git clone --quiet "$here" "$work/app"
cd "$work/app"

step "install without dev dependencies (README: uv sync --frozen --no-dev; npm ci --omit=dev)"
uv sync --frozen --no-dev --quiet
npm ci --omit=dev --no-audit --no-fund --loglevel=error
if .venv/bin/python -c "import pytest" 2>/dev/null; then
  echo "pytest is installed: the production install must not bring dev dependencies" >&2
  exit 1
fi

step "make assets"
make --no-print-directory assets >/dev/null

# Production settings, as .env.example describes them, on loopback.
export DEBUG=false
SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export CSRF_TRUSTED_ORIGINS="https://127.0.0.1:${port}"
export BEHIND_TLS_PROXY=true
export SECURE_HSTS_SECONDS=31536000
export SECURE_SSL_REDIRECT=true
export GUICHET_VAR_DIR="$work/var"
export STATIC_ROOT="$work/static"
export MEDIA_ROOT="$work/media"
export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
mkdir -p "$GUICHET_VAR_DIR"
run() { uv run --frozen --no-dev "$@"; }

step "migrate, reference data, collectstatic (database: ${DATABASE_URL:+PostgreSQL}${DATABASE_URL:-SQLite})"
run guichet migrate --no-input >/dev/null
run guichet load-territories --source node_modules/@etalab/decoupage-administratif/data \
  --centres guichet/territories/data/communes-centres.csv >/dev/null
run guichet collectstatic --no-input >/dev/null
test -s "$STATIC_ROOT/staticfiles.json" || { echo "collectstatic wrote no manifest" >&2; exit 1; }

step "check --deploy"
# Every warning fails, except the two HSTS options a Region decides for its own domain
# (subdomains and the browsers' preload list), which stay off by default.
run guichet check --deploy --fail-level ERROR 2>&1 | tee "$work/deploy.txt"
if grep -E '^\?: \(|^[a-z_.]+: \(' "$work/deploy.txt" | grep -Ev 'security\.W005|security\.W021' >&2; then
  echo "check --deploy reports the warnings above" >&2
  exit 1
fi

step "gunicorn on 127.0.0.1:${port}, 2 workers, DEBUG off"
setsid uv run --frozen --no-dev gunicorn guichet.config.wsgi --bind "127.0.0.1:${port}" \
  --workers 2 --access-logfile - >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:${port}/sante/" && break
  sleep 0.5
done

failures=0
# expect STATUS PATH: one request as the TLS front end forwards it.
expect() {
  local want="$1" path="$2" got
  got="$(curl -s -o "$work/body" -w '%{http_code}' -H "X-Forwarded-Proto: https" \
    "http://127.0.0.1:${port}${path}")"
  if [[ "$got" == "$want" ]]; then
    printf '  %s %s\n' "$got" "$path"
  else
    printf '  %s %s (expected %s)\n' "$got" "$path" "$want" >&2
    failures=$((failures + 1))
  fi
}

step "pages and API calls"
for path in / /recherche/?q=chatbot /trouver-de-l-aide/ /solutions/ /formations/ /dispositifs/ \
  /evenements/ /lieux/ /carte/ /accessibilite/ /mentions-legales/ /donnees-personnelles/ \
  /compte/connexion/ /api/v1/solutions/ /api/v1/schemes/ /api/v1/openapi.json /api/v1/docs/ \
  "/api/v1/search?q=chatbot" /sante/; do
  expect 200 "$path"
done
expect 301 /favicon.ico
expect 404 /cette-page-n-existe-pas/
got="$(curl -s -o "$work/body" -w '%{http_code}' -H "X-Forwarded-Proto: https" \
  -H "Content-Type: application/json" -d '{"need": "un chatbot", "profile": {"naf": "10.71C", "headcount": 12, "commune": "13055"}}' \
  "http://127.0.0.1:${port}/api/v1/match")"
if [[ "$got" == 200 ]] && grep -q '"schemes"' "$work/body"; then
  printf '  %s POST /api/v1/match\n' "$got"
else
  printf '  %s POST /api/v1/match (expected 200 with schemes)\n' "$got" >&2
  failures=$((failures + 1))
fi

# The stylesheet the home page links to, by its hashed (manifest) name.
css="$(curl -s -H "X-Forwarded-Proto: https" "http://127.0.0.1:${port}/" |
  grep -Eo '/static/[^"]+\.css' | head -n 1)"
if [[ -z "$css" || "$css" != *.*.css ]]; then
  echo "  the home page links no hashed stylesheet: ${css:-none}" >&2
  failures=$((failures + 1))
else
  expect 200 "$css"
  if [[ ! -s "$work/body" ]]; then
    echo "  the stylesheet is empty" >&2
    failures=$((failures + 1))
  fi
fi
if grep -q "Traceback" "$work/gunicorn.log"; then
  echo "  the server logged a traceback" >&2
  failures=$((failures + 1))
fi

if ((failures)); then
  echo "production path: ${failures} failure(s)" >&2
  exit 1
fi
echo "production path: every page answered as expected"
