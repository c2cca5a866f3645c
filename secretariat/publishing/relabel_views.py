"""The officer's page to raise the label of an item's fragment, listing the published versions
that carried it and withdrawing the chosen ones in the same step (publishing/relabel.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods

from secretariat.core.services import ServiceError
from secretariat.documents.kinds import kind_title
from secretariat.labels.models import Label
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.access import (
    editor_role,
    get_meeting_or_404,
    item_scope,
    visible_items,
)
from secretariat.meetings.models import AgendaItem
from secretariat.publishing.relabel import FRAGMENTS, fragment_label_raise, versions_carrying


def _open(request: ReaderRequest, reference: str, number: int):
    meeting = get_meeting_or_404(request.reader, reference)
    item = (
        visible_items(
            request.reader,
            AgendaItem.objects.filter(meeting=meeting, parent__isnull=True),
            label="title_label",
        )
        .filter(number=number)
        .first()
    )
    # Only the body's officers relabel (and withdraw); anyone else is told nothing is here.
    if item is None or editor_role(request.reader, meeting) != "officer":
        raise Http404("No such item.")
    item.meeting = meeting
    return meeting, item


def _readable(request: ReaderRequest, item) -> list[tuple[str, str, Label]]:
    """The item's fragments with text that this officer may read: (key, name, label)."""
    scope = item_scope(item)
    found = []
    for key, (field, label_field, name) in FRAGMENTS.items():
        label = Label(getattr(item, label_field))
        if getattr(item, field) and request.reader.admits(label, scope):
            found.append((key, name, label))
    return found


@require_http_methods(["GET", "POST"])
def item_label(request: ReaderRequest, reference: str, number: int) -> HttpResponse:
    meeting, item = _open(request, reference, number)
    fragments = _readable(request, item)
    chosen = request.POST.get("fragment") or request.GET.get("fragment", "")
    errors: dict = {}
    if chosen and chosen not in {key for key, _name, _label in fragments}:
        raise Http404("No such fragment.")
    if request.method == "POST":
        try:
            withdrawals = fragment_label_raise(
                actor=request.user,
                item=item,
                fragment=chosen,
                label=request.POST.get("label", ""),
                version=request.POST.get("version"),
                withdraw=request.POST.getlist("withdraw"),
                reason=request.POST.get("reason", ""),
                reason_label=request.POST.get("reason_label") or None,
            )
        except ServiceError as error:
            errors = error.message_dict
        else:
            messages.info(
                request,
                f"Item {item.number}: label raised; {len(withdrawals)} version(s) withdrawn.",
            )
            return redirect(reverse("meetings:meeting", args=[meeting.reference]))
    carrying = versions_carrying(item, chosen) if chosen else []
    current = next((label for key, _name, label in fragments if key == chosen), None)
    response = render(
        request,
        "publishing/item_label.html",
        {
            "meeting": meeting,
            "item": item,
            "fragments": fragments,
            "chosen": chosen,
            "current": current,
            "higher": [label for label in Label if current is not None and label > current],
            "carrying": [(record, kind_title(record.kind), record.page_url) for record in carrying],
            "labels": list(Label),
            "errors": errors,
        },
        status=400 if errors else 200,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
