"""Texts an assembly needs in every council language, before it opens: a reminder to those who translate."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assemblies.models import Assembly
from council.models import Person, Role
from reminders.kinds.assemblies import AssemblyAhead, _when
from reminders.kinds.base import Directory, Message
from translations.reading import LANGUAGE_CODES, Text, reader_language, text_of, with_versions

LISTED = 5  # texts named in the message; the desk has them all


def assembly_texts(assembly: Assembly) -> list[tuple]:
    """(record, field) of every text the assembly's participants read: venue, minutes, agenda, resolutions."""
    texts = [(assembly, "venue"), (assembly, "minutes")]
    texts += [(item, "title") for item in assembly.agenda_items.all()]
    return texts + [(resolution, "text") for resolution in assembly.resolutions.all()]


def awaiting(assembly: Assembly, language: str) -> list[Text]:
    """The assembly's texts a reader of `language` would see untranslated (missing or outdated)."""
    found = [text_of(record, field, language) for record, field in assembly_texts(assembly)]
    return [text for text in found if text.awaiting]


def translates_into(person: Person, kind: str) -> str:
    """A secretariat member translates into their city's language, a translator into their own."""
    return person.city.language if kind == Role.Kind.SECRETARIAT else person.preferred_language


class TranslationsNeeded(AssemblyAhead):
    key = "translations"
    label = gettext_lazy("Texts to translate for the assembly")
    help_text = gettext_lazy(
        "Days before the assembly. To the secretariat staff and translators of each language in which its "
        "agenda, resolutions, minutes or venue still await translation."
    )
    default_days = (14, 7, 2)
    message_reads = ("host_city", "agenda_items", "resolutions")

    def candidates(self, council, today):
        candidates = with_versions(super().candidates(council, today))
        return with_versions(candidates, "agenda_items", "resolutions")

    def texts_read(self, target: Assembly) -> list:
        return [record for record, _field in assembly_texts(target)]

    def recipients(self, target: Assembly, directory: Directory) -> list[Person]:
        wanted = {language for language in LANGUAGE_CODES if awaiting(target, language)}
        people = {}
        for kind in (Role.Kind.SECRETARIAT, Role.Kind.TRANSLATOR):
            for person in directory.people(kind):
                if translates_into(person, kind) in wanted:
                    people[person.pk] = person
        return list(people.values())

    def message(self, target: Assembly, days: int) -> Message:
        language = reader_language()
        texts = awaiting(target, language)
        subject = ngettext(
            "%(assembly)s: %(count)s text awaits translation",
            "%(assembly)s: %(count)s texts await translation",
            len(texts),
        ) % {"assembly": target, "count": len(texts)}
        lines = [_("%(assembly)s opens on %(when)s.") % {"assembly": target, "when": _when(target)}]
        lines += [f"– {text.value[:120]}" for text in texts[:LISTED]]
        if len(texts) > LISTED:
            lines.append(_("… and %(count)s more on the translation desk.") % {"count": len(texts) - LISTED})
        return Message(subject, lines, f"{reverse('translations:desk')}?language={language}")
