"""Word (.docx) through python-docx.

The label is in the header and the footer of the one section, so on every page, right-aligned at
12 pt bold. From output version 2 the file is what a UK secretariat issues: A4 (11906 × 16838
twentieths of a point) with the PDF's margins, en-GB as the language of every run (spell-check
included), "Page n of N" in the footer from Word's PAGE and NUMPAGES fields, table header rows
repeated on every page, `docProps/app.xml` naming secretariat as the application, and the
document's name as its title (as the PDF's metadata has it). Core properties are set from the projected document; python-docx's own defaults
('python-docx' as author, its template's comments and dates) are all overwritten, the template
thumbnail is dropped, and custom properties carry the label, reference and audience. The zip is
rewritten with fixed entry dates, so the same document always gives the same bytes.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import threading
import zipfile
from typing import cast
from xml.sax.saxutils import escape

from docx.api import _default_docx_path
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.oxml import serialize_part_xml
from docx.opc.package import Unmarshaller
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory
from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgreader import PackageReader
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.package import Package
from docx.parts.styles import StylesPart
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from secretariat.documents.labelled import (
    Bullets,
    Heatmap,
    Paragraph,
    Projected,
    Section,
    Table,
)
from secretariat.documents.renderers import (
    classification,
    document_name,
    header_rest,
    heading_runs,
    paragraph_runs,
    require_projected,
    runs,
)
from secretariat.documents.renderers.heatmaps import cells, description
from secretariat.documents.renderers.pdf import issued, properties

LABEL_SIZE = Pt(12)
FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# Custom property ids start at 2 by the specification.
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SPECIAL = re.compile(r"(\t|\r|\n)")
_DECLARATION = f' xmlns:w="{_W}"'


def _run_xml(text: str, bold: bool) -> str:
    """One run as python-docx writes it (`add_run(text)`, then `bold = True or None`): a tab is
    `<w:tab/>`, a line break `<w:br/>`, the rest `<w:t>`, kept whole where it has space at
    either end. Written as text and parsed once per paragraph: building it element by element
    through python-docx took most of a document's render."""
    # `bold = None` leaves python-docx's empty `<w:rPr/>` behind; kept, so the bytes stay the same.
    parts = ["<w:r>", "<w:rPr><w:b/></w:rPr>" if bold else "<w:rPr/>"]
    for piece in _SPECIAL.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            parts.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    parts.append("</w:r>")
    return "".join(parts)


def _add_runs(paragraph, pieces) -> None:
    # A link's address is the site's own; a file is not on the site, so its text stands alone.
    xml = "".join(_run_xml(text, bool(bold)) for text, bold, *_address in pieces)
    if not xml:
        return
    holder = parse_xml(f'<w:p xmlns:w="{_W}">{xml}</w:p>')
    paragraph._p.extend(list(holder))


def _label_paragraph(paragraph, label: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(label)
    run.bold = True
    run.font.size = LABEL_SIZE


def _paragraph(document, paragraph: Paragraph) -> None:
    out = document.add_paragraph()
    _add_runs(out, paragraph_runs(paragraph))
    if paragraph.style in ("meta", "status"):
        for run in out.runs:
            run.font.color.rgb = RGBColor(0x59, 0x63, 0x6E)


class _Styles:
    """Style ids looked up once per document: python-docx resolves a style name by scanning every
    style of the template each time, which would dominate the render."""

    def __init__(self, document, version: int = 1):
        self.document = document
        self.version = version
        self._ids: dict[str, str] = {}
        self._patterns: dict[str, CT_P] = {}

    def id(self, name: str) -> str:
        if name not in self._ids:
            self._ids[name] = self.document.styles[name].style_id
        return self._ids[name]

    def paragraph(self, name: str):
        """A new paragraph of the style at the end of the body, as `add_paragraph` and then
        `style = ...` leave it: copied from a pattern made once per style (python-docx finds
        where each new element goes among its siblings by the schema, every time)."""
        style = self.id(name)
        pattern = self._patterns.get(style)
        if pattern is None:
            holder = parse_xml(
                f'<w:body{_DECLARATION}><w:p><w:pPr><w:pStyle w:val="{escape(style)}"/>'
                "</w:pPr></w:p></w:body>"
            )
            pattern = self._patterns[style] = holder[0]
        element = copy.deepcopy(pattern)
        self.document.element.body._insert_p(element)
        return DocxParagraph(element, self.document._body)

    def heading(self, level: int):
        return self.paragraph(f"Heading {level}")


def _table(document, table: Table, styles: _Styles) -> None:
    if not table.rows:
        document.add_paragraph(table.empty)
        return
    out = document.add_table(rows=1, cols=len(table.header))
    out._tbl.tblPr.style = styles.id("Table Grid")
    if styles.version >= 2:
        # Word repeats a row marked as a header at the top of every page the table runs onto.
        row_properties = out.rows[0]._tr.get_or_add_trPr()
        row_properties.append(OxmlElement("w:tblHeader"))
    for cell, column in zip(out.rows[0].cells, table.header, strict=True):
        cell.text = ""
        _add_runs(cell.paragraphs[0], [(column, True)])
    _add_rows(out, [[runs(text.text) for text in row.cells] for row in table.rows])


_EMPTY_PARAGRAPH = "<w:p/>"


def _add_rows(table, rows: list[list]) -> None:
    """The rows as python-docx's `add_row` writes them, each cell's runs as `_add_runs` writes
    them: one row is added through python-docx and its XML is the pattern of the rest, written
    as text and parsed once for the table (adding rows one by one through python-docx took
    most of a table's render, resolving each cell's width against the grid)."""
    if not rows:
        return
    pattern_row = table.add_row()._tr
    pattern = etree.tostring(pattern_row, encoding="unicode").replace(_DECLARATION, "", 1)
    table._tbl.remove(pattern_row)
    pieces = pattern.split(_EMPTY_PARAGRAPH)
    if len(pieces) != len(rows[0]) + 1:
        raise ValueError("A table row's cells must each hold one empty paragraph.")
    written = []
    for row in rows:
        parts = [pieces[0]]
        for cell, rest in zip(row, pieces[1:], strict=True):
            xml = "".join(_run_xml(text, bool(bold)) for text, bold, *_address in cell)
            parts.append(f"<w:p>{xml}</w:p>" if xml else _EMPTY_PARAGRAPH)
            parts.append(rest)
        written.append("".join(parts))
    holder = parse_xml(f"<w:tbl{_DECLARATION}>{''.join(written)}</w:tbl>")
    table._tbl.extend(list(holder))


def _element(tag: str, **attributes: str):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _heatmap(document, block: Heatmap, styles: _Styles) -> None:
    """The title, a table whose cells are shaded by rating (or count) and carry their letter or
    number, with the picture's text alternative as the table's alternative text and under it."""
    if not block.rows:
        document.add_paragraph(block.empty)
        return
    said = description(block)
    _add_runs(document.add_paragraph(), [(block.title, True)])
    out = document.add_table(rows=1, cols=len(block.header))
    out._tbl.tblPr.style = styles.id("Table Grid")
    out._tbl.tblPr.append(_element("w:tblCaption", val=block.title))
    out._tbl.tblPr.append(_element("w:tblDescription", val=said))
    for cell, column in zip(out.rows[0].cells, block.header, strict=True):
        _add_runs(cell.paragraphs[0], [(column, True)])
    for name, row in cells(block):
        target = out.add_row().cells
        _add_runs(target[0].paragraphs[0], [(name, False)])
        for cell, drawn in zip(target[1:], row, strict=True):
            if not drawn.fill:
                continue
            cell._tc.get_or_add_tcPr().append(
                _element("w:shd", val="clear", color="auto", fill=drawn.fill.lstrip("#").upper())
            )
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(drawn.text)
            run.font.color.rgb = RGBColor.from_string(drawn.ink.lstrip("#").upper())
    _paragraph(document, Paragraph((), "meta"))
    document.paragraphs[-1].add_run(said).font.color.rgb = RGBColor(0x59, 0x63, 0x6E)


def _block(document, block, styles: _Styles) -> None:
    if isinstance(block, Heatmap):
        _heatmap(document, block, styles)
    elif isinstance(block, Paragraph):
        _paragraph(document, block)
    elif isinstance(block, Bullets):
        for item in block.items:
            _add_runs(styles.paragraph("List Bullet"), paragraph_runs(item))
    else:
        _table(document, block, styles)


def _section(document, section: Section, level: int, styles: _Styles) -> None:
    _add_runs(styles.heading(min(level, 9)), heading_runs(section))
    for block in section.blocks:
        _block(document, block, styles)
    for sub in section.sections:
        _section(document, sub, level + 1, styles)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the reader's Word fills in when it lays the file out;
    the cached "1" is what a reader that does not compute fields shows."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _page_numbers(footer) -> None:
    paragraph = footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


def _a4(section) -> None:
    # The PDF's page: A4 with 2.2 cm sides and 2.6 cm top and bottom.
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.6)


def _british(styles) -> None:
    """en-GB for every run that does not say otherwise: the document defaults' language, which
    the template sets to en-US (`styles` is the styles part's element)."""
    defaults = styles.find(qn("w:docDefaults"))
    for lang in defaults.iter(qn("w:lang")):
        lang.set(qn("w:val"), "en-GB")
        lang.set(qn("w:eastAsia"), "en-GB")


APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>secretariat</Application><DocSecurity>0</DocSecurity>"
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _custom_properties(package, values: dict[str, str]) -> None:
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2)
    )
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{items}</Properties>'
    ).encode()
    part = Part(PackURI("/docProps/custom.xml"), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES, xml, package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def _drop_template_extras(document) -> None:
    """The template's thumbnail shows python-docx's blank page, not this document; its Word 2010
    `stylesWithEffects` part is optional and the largest of all, so it only costs time."""
    package = document.part.package
    for key, relationship in list(package.rels.items()):
        if relationship.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[key]
    for key, relationship in list(document.part.rels.items()):
        if relationship.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[key]


@functools.cache
def _template() -> PackageReader:
    """python-docx's default template as read from its zip, once per process: each document is
    made from its parts, parsed anew (`docx.Document()` read and inflated the zip every time, a
    quarter of a small document's render)."""
    return PackageReader.from_file(_default_docx_path())


STYLES = "/word/styles.xml"
_shared = threading.local()


class _SharedStyles(StylesPart):
    """The template's styles (a third of a megabyte of XML), parsed once per process and thread
    and shared by every document rendered there, with their saved bytes: a document's styles
    are only read (a style's id by its name), never changed. Parsing and saving them again
    for each document was a third of a small document's render (5 of 14 ms).
    `test_it_renders_word_as_python_docx_saves_it` holds the bytes to python-docx's own."""

    def __init__(self, partname, content_type, element, package, blob: bytes):
        super().__init__(partname, content_type, element, package)
        self._saved = blob

    @property
    def blob(self) -> bytes:
        return self._saved


def _styles(version: int) -> tuple:
    """The template's styles element for an output version (en-GB from version 2), and its
    bytes as python-docx saves them."""
    cache = _shared.__dict__.setdefault("styles", {})
    british = version >= 2
    if british not in cache:
        blob = next(blob for name, _type, _rel, blob in _template().iter_sparts() if name == STYLES)
        element = parse_xml(blob)
        if british:
            _british(element)
        cache[british] = (element, serialize_part_xml(element))
    return cache[british]


def _new_document(version: int):
    """What `docx.Document()` returns (its template's package, unmarshalled as `Package.open`
    does it), with the template's styles shared (`_SharedStyles`)."""

    def part(partname, content_type, reltype, blob, package):
        if partname == STYLES:
            element, saved = _styles(version)
            return _SharedStyles(partname, content_type, element, package, saved)
        return PartFactory(partname, content_type, reltype, blob, package)

    package = Package()
    Unmarshaller.unmarshal(_template(), package, part)
    return package.main_document_part.document


class _Entries:
    """Stands for python-docx's zip writer: keeps each entry it writes, in order."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, bytes]] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.entries.append((pack_uri.membername, blob))


def _save(document, replace: dict[str, bytes] | None = None) -> bytes:
    """The zip `document.save` writes (its entries in its order, as `Package.save` and
    `PackageWriter.write` make them), written once with every entry dated FIXED_ZIP_DATE;
    `replace` gives new contents for named entries. Saving and then rewriting the zip with
    fixed dates compressed everything twice: the same bytes, for a third of the time."""
    replace = replace or {}
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    entries = _Entries()
    # Written to as python-docx writes to its zip (only `write` is called).
    writer = cast(PhysPkgWriter, entries)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in entries.entries:
            entry = zipfile.ZipInfo(name, date_time=FIXED_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = replace.get(name)
            target.writestr(entry, content if content is not None else blob)
    return out.getvalue()


def render_docx(projected: Projected, *, version: int = 1) -> bytes:
    require_projected(projected)
    meta = projected.meta
    label = projected.label.name
    document = _new_document(version)
    styles = _Styles(document, version)

    section = document.sections[0]
    section.different_first_page_header_footer = False
    if version >= 2:
        _a4(section)
    _label_paragraph(section.header.paragraphs[0], label)
    footer = section.footer.paragraphs[0]
    _label_paragraph(footer, label)
    if meta.get("reference"):
        footer.insert_paragraph_before(meta["reference"]).runs[0].font.size = Pt(9)
    if version >= 2:
        _page_numbers(section.footer)

    for paragraph in classification(projected):
        _paragraph(document, paragraph)
    _add_runs(styles.heading(1), [(projected.title, False)])
    for paragraph in header_rest(projected):
        _paragraph(document, paragraph)
    if meta.get("subtitle"):
        _add_runs(styles.heading(2), [(meta["subtitle"], False)])
    if meta.get("status"):
        _paragraph(document, Paragraph((), "status"))
        document.paragraphs[-1].add_run(meta["status"]).italic = True
    for item in projected.sections:
        _section(document, item, 3, styles)
    for paragraph in projected.footer:
        _paragraph(document, paragraph)

    pdf = properties(projected, version)
    moment = issued(projected).replace(tzinfo=None)
    core = document.core_properties
    core.title = document_name(projected, version)
    core.author = pdf["author"][0]
    core.last_modified_by = pdf["author"][0]
    core.subject = pdf["description"]
    core.keywords = ", ".join(pdf["keywords"])
    core.category = f"TLP:{label}"
    core.comments = ""
    core.content_status = meta.get("status") or ""
    core.identifier = meta.get("reference", "")
    core.language = "en-GB"
    core.version = str(meta.get("version") or "")
    core.revision = int(meta.get("version") or 1)
    core.created = moment
    core.modified = moment
    core.last_printed = moment

    package = document.part.package
    _drop_template_extras(document)
    _custom_properties(
        package,
        {
            "Classification": f"TLP:{label}",
            "Reference": meta.get("reference", ""),
            "Document": meta.get("kind_title", projected.kind),
            "Audience": projected.audience,
        },
    )
    return _save(document, {"docProps/app.xml": APP_XML} if version >= 2 else None)
