"""Access to the directory: bodies are public; a party's real name is a labelled fragment."""

from __future__ import annotations

from django.http import Http404

from secretariat.audit.labelling import WHITE, Fragment, register
from secretariat.directory.models import Body, Membership, Organisation, Person
from secretariat.labels.access import PUBLIC_SCOPE, Scope, Viewer
from secretariat.labels.models import Label


def get_body_or_404(code: str):
    """Bodies are public: their names and codes are WHITE."""
    body = Body.objects.select_related("parent").filter(code__iexact=code).first()
    if body is None:
        raise Http404("No such body.")
    return body


def party_name(reader: Viewer, organisation) -> str:
    """The organisation's real name where the reader may see it, else its pseudonym."""
    if organisation is None:
        return ""
    scope = Scope(organisation_id=organisation.pk, secretariat_reads_red=True)
    # An imported party may have no real name yet: its pseudonym stands in for everyone.
    if organisation.name and reader.admits(organisation.name_label, scope):
        return organisation.name
    return organisation.public_name


def _name_scope(organisation) -> Scope:
    return Scope(organisation_id=organisation.pk, secretariat_reads_red=True)


def _describe_organisation(organisation, name: str) -> Fragment:
    # The pseudonym and category are public; the real name carries its own label.
    if name in ("name", "name_label"):
        return Fragment(organisation.name_label, (_name_scope(organisation),))
    return WHITE


def _describe_person(person, name: str) -> Fragment:
    # People are named in the Minutes (GREEN), not in public outputs.
    return Fragment(Label.GREEN, (PUBLIC_SCOPE,))


def register_fragments() -> None:
    register(Body, lambda body, name: WHITE)
    register(Membership, lambda membership, name: WHITE)
    register(Organisation, _describe_organisation)
    register(Person, _describe_person)
