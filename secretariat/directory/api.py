from __future__ import annotations

from ninja import Router, Schema

from secretariat.directory.models import Body

router = Router()


class BodyOut(Schema):
    code: str
    name: str
    short_name: str
    parent: str | None
    cadence: str


@router.get("", response=list[BodyOut], url_name="bodies")
def list_bodies(request):
    """Every body, parents before their sub-groups. Bodies are public."""
    return [
        BodyOut(
            code=b.code,
            name=b.name,
            short_name=b.display_code,
            parent=b.parent.code if b.parent else None,
            cadence=b.cadence,
        )
        for b in Body.objects.select_related("parent").order_by("position", "code")
    ]
