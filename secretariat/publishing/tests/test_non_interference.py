"""Non-interference, as a property: for generated meetings with random labels on every fragment,
changing any fragments labelled above WHITE leaves every public output byte-identical.

Public outputs here are the Meeting Headlines in all four formats and, as defence in depth, the
Minutes and Confidential Minutes projected for the public in Markdown and HTML. PDF and Word are
compared byte for byte: both renderers are deterministic (typst with embedded fonts and the
document's own timestamp; the .docx zip rewritten with fixed dates), which
`test_it_renders_the_same_bytes_twice` checks on its own.

WHITE texts are drawn from printable ASCII including Markdown, HTML and typst markup characters,
so the same runs also check that no text breaks a renderer."""

from __future__ import annotations

import string

from django.db import transaction
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from secretariat.core.testing import TESTS
from secretariat.documents.renderers import FORMATS, render
from secretariat.labels.models import Label
from secretariat.publishing.audiences import Public
from secretariat.publishing.builders import prepare
from secretariat.publishing.tests.support import build_meeting

labels = st.sampled_from(["WHITE", "GREEN", "AMBER", "RED"])
texts = st.text(
    alphabet=string.ascii_letters + string.digits + " #*_[]()<>&$@\\`~|-+.!:'\"=/",
    min_size=1,
    max_size=30,
).filter(lambda text: any(c.isalnum() for c in text) and text.strip(" .") != "")
verbs = st.sampled_from(["NOTED", "AGREED", "APPROVED", "RECOMMENDED"])
outcomes = st.lists(st.tuples(verbs, texts, labels), max_size=2)


def point(with_subs: bool):
    base = {
        "title": texts,
        "title_label": labels,
        "label": labels,
        "summary": texts,
        "summary_label": labels,
        "restricted": texts,
        "outcomes": outcomes,
    }
    if not with_subs:
        return st.fixed_dictionaries(base)
    return st.fixed_dictionaries(
        {
            **base,
            "sub_points": st.lists(point(False), max_size=2),
            "actions": st.lists(st.tuples(texts, labels), max_size=1),
            "party": st.one_of(st.none(), st.tuples(texts, labels)),
            "papers": st.lists(st.tuples(texts, labels, labels), max_size=1),
        }
    )


meetings = st.fixed_dictionaries({"items": st.lists(point(True), min_size=1, max_size=3)})


def public_outputs(meeting) -> dict[str, bytes]:
    outputs = {}
    headlines = prepare("headlines", meeting)
    for fmt in FORMATS:
        outputs[f"headlines.{fmt}"] = render(headlines, fmt)
    for kind in ("minutes", "confidential-minutes"):
        projected = prepare(kind, meeting, audience=Public())
        for fmt in ("md", "html"):
            outputs[f"{kind} for the public.{fmt}"] = render(projected, fmt)
    return outputs


def _refreshed(meeting):
    return type(meeting).objects.select_related("body").get(pk=meeting.pk)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=meetings, data=st.data())
def test_it_leaves_public_outputs_unchanged_when_restricted_text_changes(db, spec, data):
    with transaction.atomic():
        meeting, fragments = build_meeting(spec)
        assume(fragments)
        before = public_outputs(_refreshed(meeting))
        chosen = data.draw(st.lists(st.sampled_from(fragments), min_size=1, unique_by=id))
        for fragment in chosen:
            assert fragment.label > Label.WHITE
            fragment.change(data.draw(texts, label=f"new text for {fragment.name}") + " changed")
        after = public_outputs(_refreshed(meeting))
        changed = [name for name in before if before[name] != after[name]]
        transaction.set_rollback(True)
    assert changed == [], f"changing {chosen} changed {changed}"


def test_it_changes_public_outputs_when_white_text_changes(db):
    """The comparison can fail: a WHITE change shows in every format."""
    from secretariat.meetings.services import item_update

    with transaction.atomic():
        meeting, _ = build_meeting({"items": [{"title": "Open item", "summary": "Before"}]})
        before = public_outputs(_refreshed(meeting))
        item = meeting.items.get()
        item_update(actor=TESTS, item=item, version=item.version, summary="After")
        after = public_outputs(_refreshed(meeting))
        transaction.set_rollback(True)
    assert [name for name in before if before[name] == after[name]] == []


def test_it_renders_the_same_bytes_twice(db):
    with transaction.atomic():
        meeting, _ = build_meeting({"items": [{"title": "Open item", "summary": "Same"}]})
        first = public_outputs(_refreshed(meeting))
        second = public_outputs(_refreshed(meeting))
        transaction.set_rollback(True)
    assert first == second
