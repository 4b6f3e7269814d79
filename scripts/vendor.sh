#!/usr/bin/env bash
# Reinstall the front-end libraries pinned in package.json / package-lock.json and copy the files the portal
# serves into static/vendor/. The copies are committed: running the portal needs no npm, only changing a pin does.
# To move a pin: edit the exact version in package.json, `npm install --package-lock-only`, run this, commit
# package.json, package-lock.json and static/vendor/ together.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

copy() {  # copy <package> <file in package> <destination folder>
  mkdir -p "$3"
  cp "node_modules/$1/$2" "$3/"
}

copy htmx.org dist/htmx.min.js static/vendor/htmx
copy htmx.org LICENSE static/vendor/htmx
copy axe-core axe.min.js static/vendor/axe-core
copy axe-core LICENSE static/vendor/axe-core

for package in htmx.org axe-core; do
  echo "$package $(node -p "require('./node_modules/$package/package.json').version")"
done
