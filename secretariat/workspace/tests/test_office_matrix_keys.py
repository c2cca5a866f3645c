"""The office matrix's record addresses still point at what they name in the demo."""

from __future__ import annotations

from secretariat.actions.models import Action
from secretariat.workspace.office import access_matrix as office_matrix
from secretariat.workspace.office_models import ActionReport


def test_it_points_the_matrix_at_presents_waiting_report_on_their_ssc_72_action(db):
    action = Action.objects.get(pk=office_matrix.MY_ACTION)
    assert action.meeting.reference == "SSC_72_2702"
    assert action.owner.user.username == "present"
    report = ActionReport.objects.get(pk=office_matrix.REPORT)
    assert report.action_id == action.pk and report.state == ActionReport.State.PENDING


def test_it_points_the_matrix_at_the_demos_white_paper_file(db):
    from secretariat.workspace.paper_models import PaperFile

    file = PaperFile.objects.get(pk=office_matrix.PAPER_FILE)
    assert file.paper.reference == "SSC_72_P1" and file.paper.label == 0
