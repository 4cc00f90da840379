import gettext
import stat

import polib

from common.catalogs import compile_catalogs


def write_catalog(root, text: str) -> None:
    folder = root / "ko" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="Exchanges", msgstr=text))
    catalog.save(str(folder / "django.po"))


def test_a_catalog_is_compiled_beside_and_put_in_place_so_a_reader_never_sees_half_of_one(tmp_path, settings):
    settings.LOCALE_PATHS = [tmp_path]
    write_catalog(tmp_path, "교류")
    (mo_path,) = compile_catalogs()
    write_catalog(tmp_path, "교류 행사")

    with mo_path.open("rb") as reader:  # a process that opened the catalog before it is compiled again
        assert compile_catalogs() == [mo_path]
        assert gettext.GNUTranslations(reader).gettext("Exchanges") == "교류"

    with mo_path.open("rb") as reader:
        assert gettext.GNUTranslations(reader).gettext("Exchanges") == "교류 행사"
    assert stat.S_IMODE(mo_path.stat().st_mode) == 0o644
    assert sorted(path.name for path in mo_path.parent.iterdir()) == ["django.mo", "django.po"]
