"""The officers' forms of the operations register. Forms only parse; the services decide."""

from __future__ import annotations

from django import forms

from secretariat.directory.models import Body, Organisation
from secretariat.labels.models import Label
from secretariat.operations.models import Incident, IncidentCause
from secretariat.publishing.officer_forms import ItemField, label_field

DATE = forms.DateInput(attrs={"type": "date"})


def _date(required: bool = True, **kwargs) -> forms.DateField:
    return forms.DateField(required=required, widget=DATE, **kwargs)


def _body(code: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        Body.objects.all(), initial=lambda: Body.objects.filter(code=code).first()
    )


class IncidentForm(forms.Form):
    body = _body("OPSG")
    reference = forms.CharField(max_length=20, help_text="MI-2019-04-01")
    occurred_on = _date()
    service = forms.CharField(max_length=200)
    duration_minutes = forms.IntegerField(min_value=0)
    severity = forms.TypedChoiceField(choices=Incident.Severity.choices, coerce=int)
    summary = forms.CharField(widget=forms.Textarea, required=False)
    causes = forms.ModelMultipleChoiceField(
        IncidentCause.objects.filter(active=True), required=False
    )
    label = label_field(Label.AMBER)


class IncidentEditForm(IncidentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["body"]
        del self.fields["reference"]


class CauseForm(forms.Form):
    name = forms.CharField(max_length=200)


class ReviewForm(forms.Form):
    item = ItemField(required=True, label="Agenda item that reviewed it")


class MeasureForm(forms.Form):
    body = _body("OPSG")
    code = forms.SlugField(max_length=40)
    name = forms.CharField(max_length=200)
    unit = forms.CharField(max_length=20, initial="%", required=False)
    target = forms.DecimalField(max_digits=12, decimal_places=3)
    minimum = forms.DecimalField(max_digits=12, decimal_places=3)
    higher_is_better = forms.BooleanField(required=False, initial=True)
    report_phrase = forms.CharField(max_length=200, required=False)
    label = label_field(Label.GREEN)


class ValueForm(forms.Form):
    month = _date(help_text="Any day of the month.")
    value = forms.DecimalField(max_digits=12, decimal_places=3)


class StreakRuleForm(forms.Form):
    valid_from = _date()
    months = forms.IntegerField(min_value=1, initial=3)


class OwedReportForm(forms.Form):
    body = _body("OPSG")
    title = forms.CharField(max_length=300)
    owed_by = forms.ModelChoiceField(Organisation.objects.filter(category="dcc"), required=False)
    asked_at = ItemField(label="Asked at")
    asked_on = _date()
    due_on = _date()
    label = label_field(Label.AMBER)


class OwedReportUpdateForm(forms.Form):
    due_on = _date()
    delivered_on = _date(required=False)
    escalated_on = _date(required=False)
    escalated_to = forms.ModelChoiceField(Body.objects.all(), required=False)
    label = label_field(Label.AMBER)


class IssueForm(forms.Form):
    body = _body("DQSG")
    reference = forms.CharField(max_length=20)
    title = forms.CharField(max_length=300)
    raised_on = _date()
    priority = forms.IntegerField(min_value=1)
    label = label_field(Label.AMBER)


class ReprioritiseForm(forms.Form):
    priority = forms.IntegerField(min_value=1)
    changed_on = _date()
    reason = forms.CharField(max_length=300, required=False)
    item = ItemField()


class CloseForm(forms.Form):
    closed_on = _date()
    reason = forms.CharField(widget=forms.Textarea)


class MilestoneForm(forms.Form):
    body = _body("OPSG")
    programme = forms.CharField(max_length=120, initial="Live Services Criteria")
    title = forms.CharField(max_length=300)
    due_on = _date()
    label = label_field(Label.WHITE)


class DeviceForm(forms.Form):
    body = _body("SSC")
    manufacturer = forms.CharField(max_length=120)
    model = forms.CharField(max_length=120)
    listed_on = _date()
    label = label_field(Label.WHITE)


class CertificateForm(forms.Form):
    number = forms.CharField(max_length=40)
    issued_on = _date()
    expires_on = _date(required=False)
    conditional = forms.BooleanField(required=False)
    label = label_field(Label.WHITE)


class DeadlineForm(forms.Form):
    deadline = _date()
    note = forms.CharField(max_length=300, required=False)
    label = label_field(Label.AMBER)
