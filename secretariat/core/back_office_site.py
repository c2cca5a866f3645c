"""The back office is break-glass: every page of `/back-office/` answers 404 to anyone who is not
a superuser — the secretariat's officers included, who do their work in the workspace — exactly
as for a page that does not exist. Its own sign-in page is gone too: a superuser signs in where
everyone does (`/sign-in/`). A superuser still reads through the door as the person they are
until they elevate at `/break-glass/` (docs/access.md, Superusers and break-glass)."""

from __future__ import annotations

from functools import wraps

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import Http404


def may_enter(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_superuser)


class BackOfficeSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        return may_enter(request)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def gate(request, *args, **kwargs):
            if not may_enter(request):
                raise Http404("No such page.")
            return inner(request, *args, **kwargs)

        return gate

    def login(self, request, extra_context=None):
        raise Http404("No such page.")

    def logout(self, request, extra_context=None):
        raise Http404("No such page.")

    def catch_all_view(self, request, url):
        if not may_enter(request):
            raise Http404("No such page.")
        return super().catch_all_view(request, url)


class BackOfficeConfig(AdminConfig):
    default_site = "secretariat.core.back_office_site.BackOfficeSite"
