#!/usr/bin/env bash
# The README's first command, run as a new user runs it: `make demo` on a clean clone of this
# repository, then the demo's pages must answer, with content: "chatbot" finds entries, and
# a bakery in Marseille that wants a chatbot gets solutions and schemes.
#
# Usage: scripts/check-demo.sh [--keep]   (--keep leaves the clone and prints its path)
# Needs: git, make, Python 3.11+, curl; uv and npm are installed by `make demo` if missing.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
keep=false
[[ "${1:-}" == "--keep" ]] && keep=true
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
demo_pid=""

finish() {
  local status=$?
  if [[ -n "$demo_pid" ]]; then
    # make and the server it started share one process group.
    kill -- "-$demo_pid" 2>/dev/null || true
    wait "$demo_pid" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -f "$work/demo.log" ]]; then
    echo "--- make demo log (last 40 lines) ---" >&2
    tail -n 40 "$work/demo.log" >&2
  fi
  if $keep; then echo "kept: $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap finish EXIT

git clone --quiet "$here" "$work/app"
cd "$work/app"
echo "--> make demo PORT=${port} (clean clone)"
setsid make --no-print-directory demo PORT="$port" </dev/null >"$work/demo.log" 2>&1 &
demo_pid=$!

# Installing, migrating and loading take a few minutes on a new machine.
for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null "http://127.0.0.1:${port}/sante/" 2>/dev/null; then break; fi
  if ! kill -0 "$demo_pid" 2>/dev/null; then
    echo "make demo stopped before serving" >&2
    exit 1
  fi
  sleep 1
done

failures=0
# fetch PATH NEEDLE...: the page answers 200 and contains every needle.
fetch() {
  local path="$1" got needle
  shift
  got="$(curl -s -o "$work/body" -w '%{http_code}' "http://127.0.0.1:${port}${path}")"
  if [[ "$got" != 200 ]]; then
    printf '  %s %s (expected 200)\n' "$got" "$path" >&2
    failures=$((failures + 1))
    return
  fi
  for needle in "$@"; do
    if ! grep -q -- "$needle" "$work/body"; then
      printf '  200 %s lacks «%s»\n' "$path" "$needle" >&2
      failures=$((failures + 1))
      return
    fi
  done
  printf '  200 %s\n' "$path"
}

# sections PATH ID...: the page answers 200 and each section titled "titre-ID" lists an entry.
sections() {
  local path="$1"
  shift
  local before=$failures
  fetch "$path"
  ((failures == before)) || return 0
  if ! python3 - "$work/body" "$@" <<'PY'; then
import re, sys
body = open(sys.argv[1], encoding="utf-8").read()
empty = []
for section in sys.argv[2:]:
    part = body.split(f'aria-labelledby="titre-{section}"', 1)
    items = part[1].split("</section>", 1)[0].count("<li") if len(part) == 2 else 0
    if not items:
        empty.append(section)
if empty:
    print("  empty sections: " + ", ".join(empty), file=sys.stderr)
    sys.exit(1)
PY
    failures=$((failures + 1))
  fi
}

fetch / "Trouver de l" 'name="q"'
fetch "/recherche/?q=chatbot" 'class="card result'
fetch "/recherche/?q=maintenance+pr%C3%A9dictive" 'class="card result'
sections "/trouver-de-l-aide/?need=un+chatbot+pour+r%C3%A9pondre+aux+clients&commune=13055&naf=10.71C&headcount=12" \
  solutions dispositifs-eligibles formations
sections "/trouver-de-l-aide/?need=maintenance+pr%C3%A9dictive+des+machines&commune=69123&naf=25.62B&headcount=30" \
  solutions formations
fetch /solutions/ "Exemple"
fetch /carte/
fetch "/api/v1/solutions/?page_size=1" '"example"'

if ((failures)); then
  echo "demo path: ${failures} failure(s)" >&2
  exit 1
fi
echo "demo path: every page answered with content"
