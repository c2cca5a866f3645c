"""Bad files get a clear message naming the file and the line or part, never a traceback, and
nothing is written."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secretariat.core.services import IMPORTER, ServiceError
from secretariat.imports.services import headlines_import
from secretariat.imports.tests.support import HEADER, ONE_ITEM, counts, headlines

BAD = [
    ("empty.md", b"", "the file is empty"),
    ("blank.md", b"  \n\n ", "the file is empty"),
    ("binary.md", b"\x00\x01\x02garbage" * 10, "holds binary data"),
    ("latin1.md", "Caf\u00e9 Meeting".encode("latin-1") + b"\n", "not UTF-8"),
    ("broken.docx", b"PK\x03\x04 this is no zip at all", "not a readable Word document"),
    ("broken.pdf", b"%PDF-1.7\n this is no pdf", "PDF"),
    ("noitems.md", HEADER.encode(), "no numbered agenda items"),
    (
        "order.md",
        headlines("#### 1. Matters Arising\n\nText.\n\n#### 3. Later\n\nText."),
        "line 13: item 3 comes where item 2 was expected",
    ),
    (
        "label.md",
        headlines("#### 1. Matters Arising\n\nText.\n\n#### 2. Secret things (**PURPLE**)"),
        "line 13: (PURPLE) is not a label",
    ),
    (
        "bullet-label.md",
        headlines("#### 1. Matters Arising\n\n- A point. (**MAUVE**)"),
        "(MAUVE) is not a label",
    ),
    ("nodate.md", ONE_ITEM.replace(b"4 April 2019, 10:00 \xe2\x80\x93 12:00, Online", b""), "date"),
    (
        "baddate.md",
        ONE_ITEM.replace(b"Next Meeting: 2 May 2019", b"Next Meeting: 31 Smarch 2019"),
        "'31 Smarch 2019' is not a date",
    ),
    ("mismatch.md", ONE_ITEM.replace(b"0404", b"0505"), "does not match the date"),
    ("badtime.md", ONE_ITEM.replace(b"12:00", b"25:61"), "'25:61' is not a time of day"),
    ("huge.md", b"#" * (21 * 1024 * 1024), "the limit is 20 MB"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "message"), BAD, ids=[case[0] for case in BAD])
def test_it_names_what_is_wrong(name, data, message):
    before = counts()
    with pytest.raises(ServiceError) as error:
        headlines_import(actor=IMPORTER, name=name, data=data)
    text = " ".join(error.value.messages)
    assert text.startswith(f"{name}: "), text
    assert message in text, text
    assert counts() == before


@pytest.mark.django_db
def test_it_reads_a_ten_megabyte_file_without_a_traceback():
    big = ONE_ITEM.replace(
        b"The TAG **NOTED** the update.", b"The TAG **NOTED** the update. " + b"word " * 2_000_000
    )
    before = counts()
    # Read to the end, then refused by the input rules every service shares: a text longer
    # than a long text field holds, named, instead of ten megabytes in every rendering.
    with pytest.raises(ServiceError) as error:
        headlines_import(actor=IMPORTER, name="big.md", data=big, dry_run=True)
    assert "big.md: text: Outcome text is at most 100000 characters" in error.value.messages[0]
    assert counts() == before


def _docx_with(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.django_db
def test_it_reports_a_word_file_with_a_damaged_part():
    data = _docx_with({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"})
    with pytest.raises(ServiceError) as error:
        headlines_import(actor=IMPORTER, name="damaged.docx", data=data)
    assert "damaged.docx: " in error.value.messages[0]


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    junk=st.binary(max_size=400),
    cut=st.integers(min_value=0, max_value=len(ONE_ITEM)),
    suffix=st.sampled_from([".md", ".txt", ".docx", ".pdf", ""]),
)
def test_it_never_raises_anything_but_a_clear_error(junk, cut, suffix):
    before = counts()
    for data in (junk, ONE_ITEM[:cut], ONE_ITEM[:cut] + junk):
        try:
            headlines_import(actor=IMPORTER, name=f"file{suffix}", data=data, dry_run=True)
        except ServiceError as error:
            assert error.messages[0].startswith(f"file{suffix}: ")
    assert counts() == before
