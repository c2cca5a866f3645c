"""The search page: `/search/?q=words`, with the reader's facets (kind, body, year, label) as
links that narrow it. Everything on it comes from fragments the door admits (query.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render

from secretariat.directory.models import Body
from secretariat.labels.models import Label
from secretariat.search import query
from secretariat.search.sources import KIND_NAMES


def _number(value: str, low: int, high: int) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def _filters(params) -> query.Filters:
    kind = params.get("kind", "")
    label = params.get("label", "")
    body = params.get("body", "")
    body_id = (
        Body.objects.filter(code__iexact=body).values_list("pk", flat=True).first()
        if body
        else None
    )
    return query.Filters(
        kind=kind if kind in KIND_NAMES else "",
        body_id=body_id if body_id is not None else (-1 if body else None),
        year=_number(params.get("year", ""), 1900, 2999),
        label=int(Label[label.upper()]) if label.upper() in Label.__members__ else None,
    )


def search(request):
    params = request.GET
    q = params.get("q", "").strip()[:200]
    filters = _filters(params)
    page = _number(params.get("page", "1"), 1, query.MAX_PAGE) or 1
    results = query.search(request.reader, q, filters, page)
    codes = (
        dict(
            Body.objects.filter(
                pk__in=[pk for pk, _n in results.facets.get("body_id", [])]
            ).values_list("pk", "code")
        )
        if results.facets.get("body_id")
        else {}
    )

    def link(**change) -> str:
        kept = {k: v for k, v in params.items() if k in ("q", "kind", "body", "year", "label")}
        kept.update({k: v for k, v in change.items()})
        kept = {k: v for k, v in kept.items() if v not in ("", None)}
        return "?" + urlencode(kept)

    facets = [
        ("Kind", "kind", [(query.kind_name(k), n, link(kind=k, page=""), params.get("kind") == k)
                          for k, n in results.facets.get("kind", [])]),
        ("Body", "body", [(codes.get(pk, "?"), n, link(body=codes.get(pk, "")),
                           params.get("body", "").upper() == codes.get(pk, "").upper())
                          for pk, n in results.facets.get("body_id", [])]),
        ("Year", "year", [(str(y), n, link(year=y), params.get("year") == str(y))
                          for y, n in results.facets.get("year", [])]),
        ("Label", "label", [(Label(lb).name, n, link(label=Label(lb).name),
                             params.get("label", "").upper() == Label(lb).name)
                            for lb, n in results.facets.get("label", [])]),
    ]  # fmt: skip
    pages = {
        "previous": link(page=page - 1) if page > 1 else "",
        "next": link(page=page + 1) if page < min(results.pages, query.MAX_PAGE) else "",
    }
    return render(
        request,
        "search/results.html",
        {
            "q": q,
            "results": results,
            "facets": facets,
            "pages": pages,
            "kind_names": KIND_NAMES,
            "filtered": any(params.get(k) for k in ("kind", "body", "year", "label")),
            "clear": link(kind="", body="", year="", label=""),
            "first": (page - 1) * query.PAGE + 1,
        },
    )
