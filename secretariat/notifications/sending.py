"""Sending: each notice's message built for its recipient (messages.py), as plain text with an
HTML alternative, with a signed one-click unsubscribe (List-Unsubscribe and
List-Unsubscribe-Post, RFC 8058). Immediate notices go one message each; a person's digest
notices wait for `secretariat notify`, which gathers them into one message a day.

A notice is marked sent (or dropped, when its recipient may no longer know what it is about) in
the same step, so a rerun finds nothing left to send."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from secretariat.core import clock
from secretariat.directory.models import Person
from secretariat.labels.models import Label
from secretariat.meetings.readers import reader_for
from secretariat.notifications.messages import Library, Message, build
from secretariat.notifications.models import Notice

SALT = "secretariat.notifications.unsubscribe"


def unsubscribe_token(person_id: int, body_ids: list[int]) -> str:
    return signing.dumps({"p": person_id, "b": sorted(set(body_ids))}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, list[int]] | None:
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("p"), int):
        return None
    bodies = value.get("b")
    if not isinstance(bodies, list) or not all(isinstance(b, int) for b in bodies):
        return None
    return value["p"], bodies


def _address(person: Person) -> str:
    return person.email or (person.user.email if person.user else "")


def _email(
    person: Person, subject: str, messages: list[Message], body_ids: list[int], *, digest: bool
) -> EmailMultiAlternatives:
    site = settings.SECRETARIAT_SITE_URL
    unsubscribe = site + reverse(
        "notifications:unsubscribe", args=[unsubscribe_token(person.pk, body_ids)]
    )
    context = {
        "person": person,
        "messages": messages,
        # A digest heads each message with its own labelled subject.
        "digest": digest,
        "unsubscribe": unsubscribe,
        "settings_url": site + reverse("notifications:settings"),
    }
    text = render_to_string("notifications/email.txt", context)
    html = render_to_string("notifications/email.html", context)
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[_address(person)],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    email.attach_alternative(html, "text/html")
    return email


def _pending(ids=None, *, digest: bool):
    notices = Notice.objects.filter(sent_at=None, dropped_at=None, digest=digest)
    if ids is not None:
        notices = notices.filter(pk__in=ids)
    return list(
        notices.select_related("person__user", "person__organisation").order_by("created_at", "id")
    )


def _send(groups: dict[int, list[Notice]], *, digest: bool) -> int:
    """Send each person's notices (one message each, or one digest); returns messages sent."""
    everything = [n for group in groups.values() for n in group]
    if not everything:
        return 0
    library = Library(everything, settings.SECRETARIAT_SITE_URL)
    emails, sent, dropped = [], [], []
    for group in groups.values():
        person = group[0].person
        if person.user is None or not person.user.is_active or not _address(person):
            dropped += [n.pk for n in group]
            continue
        # No session stands behind an email: the reader without a second factor, which the
        # messages take off site again (at most AMBER).
        reader = reader_for(person.user, second_factor=False)
        built = [(notice, build(notice, reader, library)) for notice in group]
        kept = [(notice, message) for notice, message in built if message is not None]
        dropped += [notice.pk for notice, message in built if message is None]
        if not kept:
            continue
        if digest:
            messages = [message for _, message in kept]
            label = max(message.label for message in messages)
            subject = f"[{Label(label).name}] secretariat: your daily digest ({len(messages)})"
            emails.append(
                _email(person, subject, messages, [n.body_id for n, _ in kept], digest=True)
            )
        else:
            for notice, message in kept:
                emails.append(
                    _email(
                        person, message.labelled_subject, [message], [notice.body_id], digest=False
                    )
                )
        sent += [notice.pk for notice, _ in kept]
    if emails:
        get_connection().send_messages(emails)
    now = clock.now()
    Notice.objects.filter(pk__in=sent).update(sent_at=now)
    Notice.objects.filter(pk__in=dropped).update(dropped_at=now)
    return len(emails)


def _by_person(notices: list[Notice]) -> dict[int, list[Notice]]:
    groups: dict[int, list[Notice]] = defaultdict(list)
    for notice in notices:
        groups[notice.person_id].append(notice)
    return groups


def send_immediate(ids=None) -> int:
    """Send the immediate notices among `ids` (every one waiting, by default)."""
    return _send(_by_person(_pending(ids, digest=False)), digest=False)


def send_digests() -> int:
    """One digest per person of everything waiting for it."""
    return _send(_by_person(_pending(digest=True)), digest=True)
