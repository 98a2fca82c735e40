#!/usr/bin/env bash
# Packs the plugin, installs the tarball next to the given ESLint major in a scratch folder outside the
# repository, and lints a sample with the ESLint CLI, once with a three-line eslint.config.js and once
# with the same config in CommonJS. Fails unless the expected rules report both times.
#
# Usage: scripts/smoke-packed.sh 9|10
set -euo pipefail

major="${1:?usage: scripts/smoke-packed.sh 9|10}"
case "$major" in
  9) eslint_version=9.39.5 ;;
  10) eslint_version=10.16.0 ;;
  *) echo "smoke-packed: unsupported ESLint major '$major' (expected 9 or 10)" >&2; exit 2 ;;
esac

repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# Name the command that failed, because the build, pack and install steps run quietly.
trap 'echo "smoke-packed: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

npm run --silent build --prefix "$repo" >/dev/null
tarball="$(cd "$repo" && npm pack --silent --pack-destination "$scratch" | tail -n 1)"

cd "$scratch"
printf '{ "name": "smoke", "private": true, "type": "module" }\n' > package.json
if ! npm install --no-audit --no-fund "eslint@$eslint_version" "./$tarball" > install.log 2>&1; then
  echo "smoke-packed: npm install of eslint@$eslint_version and $tarball failed:" >&2
  cat install.log >&2
  exit 1
fi

cat > eslint.config.js <<'CONFIG'
import sessions from 'eslint-plugin-sessions';

export default [sessions.configs.recommended];
CONFIG
cp -r "$repo/tests/smoke/." .

status=0
npx eslint --format json . > report.json || status=$?
if [ "$status" -ne 1 ]; then
  echo "smoke-packed: ESLint $eslint_version exited with $status, expected 1 (problems found)" >&2
  cat report.json >&2
  exit 1
fi

node "$repo/scripts/check-smoke-report.mjs" report.json "$repo/tests/smoke/expected.json"

# A CommonJS config loads the plugin with require(), which returns the plugin itself on Node.js 20.19 and later.
cat > eslint.config.cjs <<'CONFIG'
const sessions = require('eslint-plugin-sessions');

module.exports = [sessions.configs.recommended];
CONFIG
status=0
npx eslint --config eslint.config.cjs --format json . > report-cjs.json || status=$?
if [ "$status" -ne 1 ]; then
  echo "smoke-packed: ESLint $eslint_version with eslint.config.cjs exited with $status, expected 1 (problems found)" >&2
  cat report-cjs.json >&2
  exit 1
fi
node "$repo/scripts/check-smoke-report.mjs" report-cjs.json "$repo/tests/smoke/expected.json"
echo "smoke-packed: ESLint $(npx eslint --version) reported the expected problems from the packed plugin"
