"""Fail when a marked string has no Thai translation, or the .mo is older than the .po.

Run after `manage.py makemessages -l th` so that newly marked strings are seen.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "th" / "LC_MESSAGES" / "django.po"

catalogue = polib.pofile(str(PO))
missing = [entry.msgid for entry in catalogue.untranslated_entries()]
fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(PO.with_suffix(".mo")))}
stale = [
    entry.msgid
    for entry in catalogue.translated_entries()
    if not entry.msgid_plural and compiled.get(entry.msgid) != entry.msgstr
]
for label, items in (("untranslated", missing), ("fuzzy", fuzzy), ("not compiled into django.mo", stale)):
    for msgid in items:
        print(f"{label}: {msgid!r}")
translated = len(catalogue.translated_entries())
print(f"{translated} Thai strings; {len(missing)} untranslated, {len(fuzzy)} fuzzy, {len(stale)} stale")
sys.exit(1 if missing or fuzzy or stale else 0)
