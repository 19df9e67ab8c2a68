#!/usr/bin/env bash
# Every .po must be fully translated and its committed .mo must be what msgfmt makes of it.
set -euo pipefail
status=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
while IFS= read -r po; do
  mo="${po%.po}.mo"
  stats=$(LC_ALL=C msgfmt --check --statistics -o "$tmp" "$po" 2>&1)
  if grep -Eq "fuzzy|untranslated" <<<"$stats"; then
    echo "$po: $stats" >&2; status=1
  fi
  if [ ! -f "$mo" ] || ! cmp -s "$tmp" "$mo"; then
    echo "$mo is missing or out of step with $po: run 'make compilemessages'." >&2; status=1
  fi
done < <(find . -path ./.venv -prune -o -name django.po -path '*/ja/*' -print)
[ $status -eq 0 ] && echo "Translations: every .po translated and every .mo in step."
.venv/bin/python scripts/check_translation_conflicts.py || status=1
exit $status
