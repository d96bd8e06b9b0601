# The common start of a peer benchmark's run.sh (bench/<area>/run.sh sources it first):
# strict mode, the repository root as working directory, the library built into dist/ (errors in
# files others are editing do not stop a run that can use dist/ as built), the peers' Python
# environment in $PY (bench/.venv, made by bench/setup.sh on first use), and bench/out/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
npx tsc -p tsconfig.build.json >/dev/null || true
PY=bench/.venv/bin/python
[ -x "$PY" ] || bash bench/setup.sh
mkdir -p bench/out
