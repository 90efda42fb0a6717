#!/usr/bin/env bash
# Set up, then run the main job on the invented sample corpus in examples/:
# ingest every input kind, run the analysis stages, then show what was found.
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
echo "== rejects"
$nt rejects
echo
echo "== process: provenance, claims, entities"
$nt process
echo
echo "== stories: copies, summaries, translations and citations linked to their origin"
$nt stories
echo
echo "== claims of the institute's assessment of 2024-03-03 (first 12)"
$nt claims --doc ica-assessment-2024-03-03.html --limit 12
echo
echo "== claims in a Russian post (natasha parse): denial, 'по данным', 'как сообщил'"
$nt claims --doc ru-outlet-2024-03-03-ru.txt --limit 5
echo
echo "== hedged claims: 'likely' band"
$nt claims --band likely --limit 5
echo
echo "== entities (first 15): one identity across spellings and scripts"
$nt entities --limit 15
echo
echo "== one entity: variants and why they were merged"
$nt entity Prigozhin
echo
echo "Explore: $nt story STORY_ID | $nt claims --json | $nt entity NAME | $nt show DOC_ID"
