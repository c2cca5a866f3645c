"""Django admin as a back office that writes only through the services.

The admin form validates by running the service in a transaction that is rolled back, so a
service's refusal shows on the form beside the field it names; saving runs it for real."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin
from django.db import transaction

from secretariat.core.services import ServiceError


class _DryRun(Exception):
    pass


def _versioned(model) -> bool:
    return any(field.name == "version" for field in model._meta.concrete_fields)


class ServiceAdmin(admin.ModelAdmin):
    # create(actor=..., **cleaned_data) -> instance
    create_service: Callable | None = None
    # update(actor=..., instance, **changed_data) -> instance
    update_service: Callable | None = None
    # door(reader, queryset) -> the rows this officer may see. The back office is no side door:
    # an officer who did not minute a meeting does not read its RED items here either.
    door: Callable | None = None

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.door is None:
            return queryset
        # `request.reader` is put on every request by the reader middleware.
        return self.door(request.reader, queryset)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return self.create_service is not None and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and self.update_service is None:
            return False
        return super().has_change_permission(request, obj)

    def _run(self, request, instance, form):
        if instance.pk is None or form.instance._state.adding:
            data = {
                name: form.cleaned_data[name] for name in form.cleaned_data if name != "version"
            }
            return self.create_service(actor=request.user, **data)
        data = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in form.cleaned_data and name != "version"
        }
        if not data:
            return instance
        if _versioned(type(instance)):
            # The version this officer loaded, not the one in the database now: a save from a
            # page opened before someone else's change is refused instead of reverting it.
            data["version"] = form.cleaned_data.get("version")
        fresh = type(instance).objects.get(pk=instance.pk)
        return self.update_service(actor=request.user, instance=fresh, **data)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not _versioned(self.model) or not fieldsets:
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "version"]}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if kwargs.get("fields"):
            # `version` is no model-form field (it is not editable): the form below adds it.
            kwargs["fields"] = [name for name in kwargs["fields"] if name != "version"]
        form_class = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self
        versioned = change and _versioned(self.model)

        class ServiceForm(form_class):
            if versioned:
                version = forms.IntegerField(widget=forms.HiddenInput, required=False)

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if "version" in self.fields and self.instance.pk is not None:
                    self.fields["version"].initial = self.instance.version

            def clean(self):
                cleaned = super().clean()
                if self.errors:
                    return cleaned
                try:
                    with transaction.atomic():
                        model_admin._run(request, self.instance, self)
                        raise _DryRun
                except _DryRun:
                    pass
                except ServiceError as error:
                    for field, messages in getattr(
                        error, "message_dict", {"__all__": error.messages}
                    ).items():
                        # A stale version is the whole form's problem, not a hidden field's.
                        target = field if field in self.fields and field != "version" else None
                        for message in messages:
                            self.add_error(target, message)
                return cleaned

        return form_class if not change and self.create_service is None else ServiceForm

    def save_model(self, request, obj, form, change):
        result = self._run(request, obj, form)
        if result is not None and result is not obj:
            # The admin goes on with `obj` (its message, its log entry, its redirect): it must be
            # the record the service saved, every field of it, not just its id.
            for field in obj._meta.concrete_fields:
                setattr(obj, field.attname, getattr(result, field.attname))
            obj._state = result._state
            obj._state.adding = False
            if hasattr(obj, "_prefetched_objects_cache"):
                del obj._prefetched_objects_cache
            for field in obj._meta.concrete_fields:
                if field.is_relation and field.is_cached(obj):
                    field.delete_cached_value(obj)

    def save_related(self, request, form, formsets, change):
        # Related rows are written by the services themselves.
        return None
