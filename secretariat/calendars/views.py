"""Calendars: a body's public meetings, one meeting, and a reader's own meetings at a secret
address. Every calendar is projected by `ics.calendar` (at most AMBER)."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST

from secretariat.calendars import ics
from secretariat.calendars.models import CalendarFeed
from secretariat.calendars.services import feed_create, feed_for, feed_revoke
from secretariat.core import clock
from secretariat.core.services import ServiceError
from secretariat.directory.access import get_body_or_404
from secretariat.labels.access import covers
from secretariat.meetings.access import get_meeting_or_404
from secretariat.meetings.models import Meeting
from secretariat.meetings.readers import reader_for

# A calendar holds a body's meetings from its first; a personal one the latest this many of the
# reader's meetings (a member of several bodies over twenty years would otherwise fetch
# thousands of events on every poll).
PERSONAL_LIMIT = 500
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _response(data: bytes, filename: str, *, private: bool) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=300)
    return response


def _url_for(request):
    def url(meeting: Meeting) -> str:
        return request.build_absolute_uri(reverse("meetings:meeting", args=[meeting.reference]))

    return url


def body_calendar(request, code: str):
    """The body's meetings as the public knows them, whoever asks: a calendar subscription
    carries no session."""
    body = get_body_or_404(code)
    data = ics.public_calendar(
        Meeting.objects.filter(body=body),
        name=f"{body.display_code} meetings",
        url_for=_url_for(request),
    )
    return _response(data, f"{body.code}-meetings.ics", private=False)


def meeting_calendar(request, reference: str):
    # The reader itself, not the request's lazy stand-in: the calendar derives its own from it.
    reader = reader_for(request.user)
    meeting = get_meeting_or_404(reader, reference)
    data = ics.calendar(
        reader,
        Meeting.objects.filter(pk=meeting.pk),
        name=meeting.reference,
        url_for=_url_for(request),
    )
    return _response(data, f"{meeting.reference}.ics", private=True)


def my_meetings(reader) -> Q:
    """The meetings of the bodies the reader sits on now (any role) and those they attended."""
    today = reader.today
    bodies = {body_id for body_id, _role, start, end in reader.roles if covers(start, end, today)}
    bodies |= {term.body_id for term in reader.terms if term.covers(today)}
    wanted = Q(body_id__in=sorted(bodies))
    if reader.person_id is not None:
        wanted |= Q(attendance__person_id=reader.person_id)
    return wanted


def personal_calendar(request, token: str):
    feed = feed_for(token)
    if feed is None:
        raise Http404("No such calendar.")
    reader = reader_for(feed.user)
    latest = (
        Meeting.objects.filter(my_meetings(reader))
        .order_by("-date", "-id")
        .values_list("id", flat=True)
        .distinct()[:PERSONAL_LIMIT]
    )
    meetings = Meeting.objects.filter(pk__in=list(latest))
    data = ics.calendar(reader, meetings, name="My meetings", url_for=_url_for(request))
    now = clock.now()
    if feed.last_fetched_at is None or now - feed.last_fetched_at > dt.timedelta(hours=1):
        # Kept coarse, so a provider polling every few minutes does not write on every fetch.
        CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=now)
    return _response(data, "my-meetings.ics", private=True)


@login_required
@require_http_methods(["GET", "POST"])
def feeds(request):
    """The reader's calendar addresses: make one (shown once), see when each was last fetched."""
    errors: dict = {}
    made = None
    if request.method == "POST":
        try:
            feed, token = feed_create(actor=request.user, name=request.POST.get("name", ""))
        except ServiceError as error:
            errors = error.message_dict
        else:
            made = {
                "feed": feed,
                "url": request.build_absolute_uri(reverse("calendars:personal", args=[token])),
            }
    listed = CalendarFeed.objects.filter(user=request.user)
    status = 400 if errors else 200
    return render(
        request,
        "calendars/feeds.html",
        {"feeds": listed, "errors": errors, "made": made},
        status=status,
    )


@login_required
@require_POST
def revoke(request, pk: int):
    feed = get_object_or_404(CalendarFeed, pk=pk, user=request.user)
    with contextlib.suppress(ServiceError):  # already revoked: the list says so
        feed_revoke(actor=request.user, feed=feed)
    return redirect("calendars:feeds")
