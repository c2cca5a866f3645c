from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group, User

from secretariat.audit.back_office import ServiceAdmin
from secretariat.directory import services
from secretariat.directory.models import Body, Membership, Organisation, Person

admin.site.site_header = "secretariat back office"
admin.site.site_title = "secretariat"
# Accounts are made with people (PersonAdmin), through the directory's services.
for model in (User, Group):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(Body)
class BodyAdmin(ServiceAdmin):
    list_display = ("code", "name", "parent", "cadence", "position")
    fields = ("code", "name", "short_name", "parent", "cadence", "position")
    create_service = staticmethod(services.body_create)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        changes.pop("code", None)
        return services.body_update(actor=actor, body=instance, **changes)


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin):
    list_display = ("__str__", "name", "category", "name_label")
    list_filter = ("category",)
    # Real names are labelled: searching them would answer whether a hidden name matches.
    search_fields = ("pseudonym",)
    fields = ("name", "name_label", "category", "pseudonym")
    create_service = staticmethod(services.organisation_create)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        return services.organisation_update(actor=actor, organisation=instance, **changes)


class PersonForm(forms.ModelForm):
    username = forms.CharField(required=False, help_text="Give one to create a sign-in account.")
    password = forms.CharField(required=False, widget=forms.PasswordInput)

    class Meta:
        model = Person
        fields = ("full_name", "email", "organisation")


@admin.register(Person)
class PersonAdmin(ServiceAdmin):
    form = PersonForm
    list_display = ("full_name", "organisation", "user")
    search_fields = ("full_name", "email")

    @staticmethod
    def create_service(*, actor, username="", password="", **fields):
        return services.person_create(
            actor=actor, username=username, password=password or None, **fields
        )

    @staticmethod
    def update_service(*, actor, instance, **changes):
        changes.pop("username", None)
        changes.pop("password", None)
        return services.person_update(actor=actor, person=instance, **changes)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("full_name", "email", "organisation", "username", "password")
        return ("full_name", "email", "organisation")


@admin.register(Membership)
class MembershipAdmin(ServiceAdmin):
    list_display = ("person", "body", "role", "seat", "term_start", "term_end")
    list_filter = ("body", "role")
    fields = ("person", "body", "role", "seat", "term_start", "term_end")
    create_service = staticmethod(services.membership_create)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        changes.pop("person", None)
        changes.pop("body", None)
        return services.membership_update(actor=actor, membership=instance, **changes)
