"""Fill the Thai catalogue from locale/th/pending/*.json, then compile it.

Engineers who mark strings in parallel each write their Thai into a pending JSON
file ({"msgid": "Thai"}, plurals keyed "singular|||plural" with a list); this
folds them into django.po after `makemessages`, so nobody edits the .po at once.
"""

import json
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "th" / "LC_MESSAGES" / "django.po"


def pending_translations() -> dict:
    merged = {}
    for path in sorted((ROOT / "locale" / "th" / "pending").glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def main() -> None:
    translations = pending_translations()
    catalogue = polib.pofile(str(PO))
    filled = 0
    for entry in catalogue:
        key = entry.msgid + (f"|||{entry.msgid_plural}" if entry.msgid_plural else "")
        thai = translations.get(key)
        if not thai:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: thai[0] if isinstance(thai, list) else thai}
        else:
            entry.msgstr = thai
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    catalogue.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    catalogue.metadata["Language"] = "th"
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalogue.save()
    catalogue.save_as_mofile(str(PO.with_suffix(".mo")))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    print(f"filled {filled}; {len(untranslated)} still untranslated")
    for msgid in untranslated:
        print(f"  untranslated: {msgid!r}")


if __name__ == "__main__":
    main()
