"""Access to the directory: bodies are public; a party's real name is a labelled fragment."""

from __future__ import annotations

from django.http import Http404

from secretariat.directory.models import Body
from secretariat.labels.access import Scope, Viewer


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
