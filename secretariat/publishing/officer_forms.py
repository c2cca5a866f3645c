"""What the registers' officers' pages share: a form for a label, a field naming an agenda item as
the minutes do ('SMKIPMA_53_2105 item 2'), and the one shape of an officer's form page (only the
secretariat may open it; a refused value is shown beside its field with a 400, never a 500)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control

from secretariat.core.services import ServiceError
from secretariat.labels.models import Label
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.models import AgendaItem

_ITEM = re.compile(r"^\s*(?P<meeting>[A-Za-z0-9]+_\d+_\d{4})\s+item\s+(?P<number>\d+)\s*$")


def label_field(default: Label, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=[(label.name, label.name) for label in Label],
        initial=default.name,
        help_text=help_text,
    )


class ItemField(forms.CharField):
    """An agenda item named by its meeting's reference and its number."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "As ‘SMKIPMA_53_2105 item 2’.")
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        match = _ITEM.match(text)
        if match is None:
            raise forms.ValidationError("Name the item as ‘MEETING_REFERENCE item N’.")
        item = (
            AgendaItem.objects.filter(
                meeting__reference=match["meeting"],
                number=int(match["number"]),
                parent__isnull=True,
            )
            .select_related("meeting")
            .first()
        )
        if item is None:
            raise forms.ValidationError(f"No item {match['number']} at {match['meeting']}.")
        return item


def item_name(item) -> str:
    return f"{item.meeting.reference} item {item.number}" if item is not None else ""


def require_officer(request: ReaderRequest) -> None:
    """Keeping a register is the secretariat's: anybody else is told the page is not there."""
    if not request.reader.is_secretariat:
        raise Http404("No such page.")


def officer_form(
    request: ReaderRequest,
    form: forms.Form,
    save: Callable[[dict], str],
    *,
    title: str,
    back: str,
    intro: str = "",
) -> HttpResponse:
    """Show `form`; on a valid POST call `save(cleaned_data)`, which returns where to go next."""
    require_officer(request)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                target = save(form.cleaned_data)
            except ServiceError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                messages.info(request, f"{title}: saved.")
                return redirect(target)
        status = 400
    response = render(
        request,
        "registers/form.html",
        {"form": form, "title": title, "back": back, "intro": intro},
        status=status,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
