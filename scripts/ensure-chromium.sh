#!/usr/bin/env bash
# Make sure the end-to-end tests have a Chromium to drive: Debian's `chromium`
# package, installed with apt when it is missing and we are allowed to. We never
# download a browser from anywhere else (no `playwright install`).
#
# CHROMIUM_PATH, when set, names the binary to use instead of /usr/bin/chromium;
# it is then the only one considered (the test plugin does the same).
#
# Without a Chromium the browser tests are skipped: this prints why, and exits 0.
# Under CI=true a missing Chromium is an error instead (exit 1).
set -euo pipefail

DEBIAN_CHROMIUM=/usr/bin/chromium

in_ci() {
  case "${CI:-}" in
    1 | true | TRUE | True | yes) return 0 ;;
    *) return 1 ;;
  esac
}

found() {
  [[ -f "$1" && -x "$1" ]]
}

warn_skipped() {
  local reason="$1"
  if in_ci; then
    {
      echo "ERROR: no Chromium for the browser tests, and CI=true forbids skipping them."
      echo "  ${reason}"
      echo "  Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH."
    } >&2
    exit 1
  fi
  cat >&2 <<EOF

!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!!  WARNING: no Chromium, so the BROWSER TESTS WILL BE SKIPPED.
!!  ${reason}
!!  End-to-end and accessibility (axe-core) checks will not run here.
!!  Fix: as root, run  apt-get install chromium  (Debian's package),
!!  or set CHROMIUM_PATH to a Chromium binary. CI (CI=true) fails instead.
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!

EOF
  exit 0
}

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  if found "$CHROMIUM_PATH"; then
    echo "Chromium for browser tests: ${CHROMIUM_PATH} (CHROMIUM_PATH)"
    exit 0
  fi
  # Installing Debian's package would not put a binary at that path.
  warn_skipped "CHROMIUM_PATH=${CHROMIUM_PATH} is not an executable file."
fi

if found "$DEBIAN_CHROMIUM"; then
  echo "Chromium for browser tests: ${DEBIAN_CHROMIUM}"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  warn_skipped "${DEBIAN_CHROMIUM} is missing and apt-get is not available to install it."
fi

if [[ "$(id -u)" -eq 0 ]]; then
  as_root() { "$@"; }
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root() { sudo -n "$@"; }
else
  warn_skipped "${DEBIAN_CHROMIUM} is missing and installing it needs root (or passwordless sudo)."
fi

echo "Chromium is missing: installing Debian's chromium package with apt-get..."
if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null ||
  ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium </dev/null >/dev/null; then
  warn_skipped "apt-get could not install the chromium package (see the messages above)."
fi

if found "$DEBIAN_CHROMIUM"; then
  echo "Chromium for browser tests: ${DEBIAN_CHROMIUM} (just installed)"
  exit 0
fi
warn_skipped "apt-get installed chromium but ${DEBIAN_CHROMIUM} is still missing."
