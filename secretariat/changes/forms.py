"""The officers' forms of the change register. Forms only parse; the services decide."""

from __future__ import annotations

from django import forms

from secretariat.changes.models import Change, Path, Release, Stage, Vote
from secretariat.directory.models import Body, Organisation, PartyCategory
from secretariat.labels.models import Label
from secretariat.publishing.officer_forms import ItemField, label_field

DATE = forms.DateInput(attrs={"type": "date"})


def _date(required: bool = True) -> forms.DateField:
    return forms.DateField(required=required, widget=DATE)


class ChangeForm(forms.Form):
    reference = forms.CharField(max_length=12, help_text="DP075, MP123 or SECMP0037.")
    title = forms.CharField(max_length=300)
    title_label = label_field(Label.WHITE)
    raised_on = _date()
    proposer = forms.ModelChoiceField(Organisation.objects.order_by("name"), required=False)
    proposer_label = label_field(Label.WHITE, "Who may know who proposed it.")
    summary = forms.CharField(widget=forms.Textarea, required=False)
    summary_label = label_field(Label.WHITE)
    path = forms.ModelChoiceField(Path.objects.filter(valid_to__isnull=True), required=False)
    release = forms.ModelChoiceField(Release.objects.all(), required=False)
    implementation_date = _date(required=False)
    decision_label = label_field(Label.WHITE)
    label = label_field(Label.WHITE, "The record's label: who may know it exists.")


class ChangeEditForm(ChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["reference"]
        del self.fields["raised_on"]


class StageForm(forms.Form):
    stage = forms.ModelChoiceField(Stage.objects.all())
    entered_on = _date()
    note = forms.CharField(max_length=300, required=False)
    label = label_field(Label.WHITE)


class ConvertForm(forms.Form):
    reference = forms.CharField(max_length=12, help_text="The Modification Proposal: MP123.")
    converted_on = _date()
    title = forms.CharField(max_length=300, required=False, help_text="Empty: the DP's title.")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[c for c in Change.Decision.choices if c[0]])
    decided_on = _date()


class VoteForm(forms.Form):
    solution = forms.ChoiceField(choices=Vote.Solution.choices)
    category = forms.ChoiceField(choices=PartyCategory.choices)
    approve = forms.IntegerField(min_value=0)
    reject = forms.IntegerField(min_value=0)
    abstain = forms.IntegerField(min_value=0)
    voted_on = _date()
    item = ItemField()
    label = label_field(Label.WHITE)


class InputRequestForm(forms.Form):
    body = forms.ModelChoiceField(Body.objects.all())
    requested_on = _date()
    requested_at = ItemField(label="Asked at")
    label = label_field(Label.WHITE)


class InputGiveForm(forms.Form):
    given_on = _date()
    given_at = ItemField(label="Considered at")
    response = forms.CharField(widget=forms.Textarea)
    response_label = label_field(Label.WHITE)


class LinkForm(forms.Form):
    item = ItemField(required=True, label="Agenda item")


class ReleaseForm(forms.Form):
    name = forms.SlugField(max_length=40, help_text="Its address: june-2020.")
    title = forms.CharField(max_length=120)
    kind = forms.ChoiceField(choices=Release.Kind.choices)
    release_date = _date()
    label = label_field(Label.WHITE)


class VocabularyForm(forms.Form):
    kind = forms.ChoiceField(choices=[("stage", "Stage"), ("path", "Path")])
    key = forms.SlugField(max_length=40, help_text="An existing key renames it from the date.")
    name = forms.CharField(max_length=80)
    valid_from = _date()
    position = forms.IntegerField(min_value=0, initial=0)
    decider = forms.CharField(max_length=120, required=False, help_text="For a path.")
