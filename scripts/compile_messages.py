"""Compile every django.po into django.mo with polib, so no machine needs gettext."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

for po_path in sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po")):
    if ".venv" in po_path.parts:
        continue
    catalogue = polib.pofile(str(po_path))
    catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
    print(f"compiled {po_path.relative_to(ROOT)}: {catalogue.percent_translated()}% translated")
