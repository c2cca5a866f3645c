from __future__ import annotations

from secretariat.audit.models import AuditEvent
from secretariat.directory.models import Body, Organisation
from secretariat.imports.models import ImportedFile
from secretariat.meetings.models import AgendaItem, Meeting, Outcome

HEADER = """This document is classified as **White** in accordance with the Panel Information Policy.

## Testing Advisory Group (TAG) Meeting Headlines

4 April 2019, 10:00 – 12:00, Online

### TAG\\_41\\_0404 – TAG Meeting Headlines
"""


def headlines(items: str, header: str = HEADER) -> bytes:
    return (header + "\n" + items + "\n\n**Next Meeting: 2 May 2019**\n").encode()


ONE_ITEM = headlines("#### 1. Matters Arising\n\nThe TAG **NOTED** the update.")


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Body, Organisation, Meeting, AgendaItem, Outcome, ImportedFile, AuditEvent)
    )
