"""Translation catalogs without GNU gettext: compile with polib, and prove them complete.

A fresh machine has no msgfmt, so `make` compiles the committed .po files with this instead.
"""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

REQUIRED_LANGUAGES = ("ko", "zh_Hans")


def catalog_paths() -> list[Path]:
    return sorted(path for root in settings.LOCALE_PATHS for path in Path(root).glob("*/LC_MESSAGES/*.po"))


def compile_catalogs() -> list[Path]:
    compiled = []
    for po_path in catalog_paths():
        mo_path = po_path.with_suffix(".mo")
        # Written beside it, then put in its place: a process starting meanwhile (CI's smoke pass runs
        # beside the tests, each compiling) reads the old catalog or the new one, never half of one.
        handle, written = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo")
        os.close(handle)
        polib.pofile(str(po_path)).save_as_mofile(written)
        os.chmod(written, 0o644)  # as a file written in place would be
        os.replace(written, mo_path)
        compiled.append(mo_path)
    return compiled


@dataclass(frozen=True)
class CatalogGap:
    path: Path
    untranslated: int
    fuzzy: int


def catalog_gaps() -> list[CatalogGap]:
    """Every required catalog that has an untranslated or fuzzy entry, or is missing."""
    gaps = []
    for language in REQUIRED_LANGUAGES:
        for root in settings.LOCALE_PATHS:
            po_path = Path(root) / language / "LC_MESSAGES" / "django.po"
            if not po_path.exists():
                gaps.append(CatalogGap(po_path, untranslated=-1, fuzzy=0))
                continue
            catalog = polib.pofile(str(po_path))
            untranslated = len(catalog.untranslated_entries())
            fuzzy = len(catalog.fuzzy_entries())
            if untranslated or fuzzy:
                gaps.append(CatalogGap(po_path, untranslated, fuzzy))
    return gaps
