#!/usr/bin/env bash
# Runs scripts/faiss_compare.py with a Python that has FAISS (Debian's python3-faiss lives in /usr/bin/python3,
# which another python3 earlier on PATH may shadow). Exits 0 with a note when none has it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for py in python3 /usr/bin/python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c "import faiss, numpy" >/dev/null 2>&1; then
    exec "$py" "$here/faiss_compare.py" "$@"
  fi
done
echo "faiss_compare: FAISS is not installed here (Debian: apt-get install python3-faiss); nothing to compare."
exit 0
