"""Fail when two catalogs translate the same English string differently.

Django merges every app's catalog into one, and the first app in
INSTALLED_APPS wins a clash, so "in use" meaning 利用中 in one app and 使用中
in another would silently show the wrong word in one of them. Give such
strings a context (pgettext) or agree on one translation.
"""

import gettext
import sys
from collections import defaultdict
from pathlib import Path

root = Path(__file__).resolve().parent.parent
seen = defaultdict(dict)
for mo in sorted(root.glob("**/locale/ja/LC_MESSAGES/django.mo")):
    if ".venv" in mo.parts:
        continue
    with mo.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog
    for msgid, msgstr in catalog.items():
        if msgid == "" or isinstance(msgid, tuple) and msgid[0] == "":
            continue
        seen[msgid][str(mo.relative_to(root).parts[0])] = msgstr

conflicts = {m: c for m, c in seen.items() if len(set(c.values())) > 1}
for msgid, catalogs in sorted(conflicts.items(), key=str):
    shown = msgid.replace("\x04", " | ") if isinstance(msgid, str) else msgid
    print(
        f"{shown!r}: " + ", ".join(f"{app}={text!r}" for app, text in sorted(catalogs.items())),
        file=sys.stderr,
    )
if conflicts:
    print(f"{len(conflicts)} strings are translated differently in different catalogs.", file=sys.stderr)
    sys.exit(1)
print("Translations: no string is translated two ways.")
