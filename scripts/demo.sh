#!/usr/bin/env bash
# Set up, then run the main job on the invented sample corpus in examples/:
# ingest every input kind, then show what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NEWSTRAIL_DB="${NEWSTRAIL_DB:-out/demo.db}"
mkdir -p "$(dirname "$NEWSTRAIL_DB")"
rm -f "$NEWSTRAIL_DB" "$NEWSTRAIL_DB-wal" "$NEWSTRAIL_DB-shm"
nt=.venv/bin/newstrail
echo "== ingest examples/ into $NEWSTRAIL_DB"
$nt ingest examples/html examples/text examples/feeds examples/records examples/warc
echo
echo "== documents (~ marks a date inferred from the text)"
$nt docs
echo
echo "== search: Prigozhin OR Prigogine OR Пригожин"
$nt search 'Prigozhin OR Prigogine OR Пригожин' --limit 5
echo
echo "== one wire story seen twice: the copy keeps its own outlet, URL and time"
$nt show https://odesamorning.example/news/4471-russia-throws-dozens-of-tanks-at-ukrainian-lines-west-of-avdiivka | head -16 || true
echo
echo "== rejects"
$nt rejects
echo
echo "Explore: $nt show DOC_ID | $nt docs --json | $nt export docs -f parquet -o docs.parquet"
