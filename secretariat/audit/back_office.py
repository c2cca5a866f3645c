"""The back office through the door (docs/access.md, The back office and the audit log).

`ServiceAdmin` here is the core's bridge to the services, made to read like every other page:
its rows come through the app's door (`door`), and every value it shows is one labelled
fragment, asked of the labelled diff's registry (`labelling.fragment_of`):

* list columns and the names of related records show a placeholder where the reader may not
  read the field (`[RED — restricted]`);
* on a change page, a field the reader may not read is a read-only placeholder, left out of the
  form, so it can be neither seen nor changed;
* pickers (foreign keys, many-to-many) offer only what the related admin's door lets through,
  each choice named only if the reader may read its name;
* the history page is the record's audit events, each projected for the reader.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse

from secretariat.audit.labelling import STR, fragment_of, placeholder, project
from secretariat.audit.models import AuditEvent
from secretariat.core.admin_support import ServiceAdmin as BridgeAdmin


def choice_name(reader, obj: models.Model) -> str:
    """A record's name where the reader may read it, else what it is and its label."""
    fragment = fragment_of(obj, STR)
    if fragment.admits(reader):
        return str(obj)
    return f"{obj._meta.verbose_name} {obj.pk} {placeholder(fragment.label)}"


def _model_field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


class DoorMixin:
    """What any admin of labelled records needs; `ServiceAdmin` below is the usual one."""

    model: type[models.Model]
    admin_site: admin.AdminSite

    # -- lists ------------------------------------------------------------------------------------

    def _column(self, name: str, reader):
        field = _model_field(self.model, name)

        def show(obj):
            if name == STR:
                return choice_name(reader, obj)
            value = getattr(obj, name)
            if isinstance(value, models.Model):
                return choice_name(reader, value)
            fragment = fragment_of(obj, name)
            if not fragment.admits(reader):
                return placeholder(fragment.label)
            display = getattr(obj, f"get_{name}_display", None)
            return display() if callable(display) else value

        show.short_description = (  # type: ignore[attr-defined]
            field.verbose_name if field is not None else self.model._meta.verbose_name
        )
        if field is not None and not field.is_relation:
            show.admin_order_field = name  # type: ignore[attr-defined]
        show.__name__ = f"door_{name}"
        return show

    def get_list_display(self, request):
        reader = request.reader
        shown = []
        for name in super().get_list_display(request):  # type: ignore[misc]
            if isinstance(name, str) and (name == STR or _model_field(self.model, name)):
                shown.append(self._column(name, reader))
            else:
                shown.append(name)
        return shown

    def get_list_display_links(self, request, list_display):
        return list_display[:1]

    # -- change pages -----------------------------------------------------------------------------

    def _placeholders(self, request, obj) -> dict:
        """The fields of `obj` the reader may not read, each as a read-only placeholder, the same
        objects for every call of one request (Django asks for fields and read-only fields
        separately)."""
        if obj is None:
            return {}
        cache = request.__dict__.setdefault("_door_placeholders", {})
        key = (self.model._meta.label_lower, obj.pk)
        if key not in cache:
            reader = request.reader
            found = {}
            for field in self.model._meta.get_fields():
                if not getattr(field, "concrete", False) and not field.many_to_many:
                    continue
                fragment = fragment_of(obj, field.name)
                if fragment.admits(reader):
                    continue
                text = placeholder(fragment.label)

                def restricted(instance, text=text):
                    return text

                restricted.short_description = getattr(  # type: ignore[attr-defined]
                    field, "verbose_name", field.name
                )
                restricted.__name__ = f"restricted_{field.name}"
                found[field.name] = restricted
            cache[key] = found
        return cache[key]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)  # type: ignore[misc]
        hidden = self._placeholders(request, obj)
        return [hidden.get(name, name) if isinstance(name, str) else name for name in fields]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        hidden = self._placeholders(request, obj)
        readonly = [name for name in readonly if name not in hidden]
        return [*readonly, *hidden.values()]

    # -- pickers ----------------------------------------------------------------------------------

    def _through_door(self, db_field, request, kwargs) -> None:
        related = self.admin_site._registry.get(db_field.remote_field.model)
        if related is not None and "queryset" not in kwargs:
            kwargs["queryset"] = related.get_queryset(request)

    def _named(self, formfield, request):
        if formfield is not None and hasattr(formfield, "label_from_instance"):
            reader = request.reader
            formfield.label_from_instance = lambda obj: choice_name(reader, obj)
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._through_door(db_field, request, kwargs)
        return self._named(
            super().formfield_for_foreignkey(db_field, request, **kwargs),  # type: ignore[misc]
            request,
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._through_door(db_field, request, kwargs)
        return self._named(
            super().formfield_for_manytomany(db_field, request, **kwargs),  # type: ignore[misc]
            request,
        )

    # -- history ----------------------------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)  # type: ignore[attr-defined]
        if obj is None:
            raise Http404("No such record.")
        events = AuditEvent.objects.filter(
            object_type=self.model._meta.label_lower, object_id=str(obj.pk)
        ).order_by("-at", "-id")
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {choice_name(request.reader, obj)}",
            "object": obj,
            "opts": self.model._meta,
            "events": [project(event, request.reader) for event in events],
            **(extra_context or {}),
        }
        return TemplateResponse(request, "audit/history.html", context)


class ServiceAdmin(DoorMixin, BridgeAdmin):
    """The bridge to the services, reading through the door."""
