"""Hostile files, made at test time (no bomb is committed): {name: (filename, bytes)}."""

from __future__ import annotations

import functools
import io
import zipfile

from openpyxl import Workbook

ROWS = [["Ad, soyad", "E-poçt", "Telefon"], ["Şəhla Əliyeva", "shahla@example.org", "050 123 45 67"],
        ["Aygün Həsənova", "", "+994 55 222 33 44"]]


def _csv(rows, line_end="\r\n") -> str:
    return line_end.join(",".join(row) for row in rows) + line_end


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _workbook_parts(sheet_writer, shared_strings: bytes | None = None) -> bytes:
    """A minimal XLSX whose sheet XML is streamed by ``sheet_writer(handle)``."""
    buffer = io.BytesIO()
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
               if shared_strings else "") + "</Types>"))
        archive.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {ns} xmlns:r="{rel}"><sheets>'
                         '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", (
            f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            + (f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>' if shared_strings else "")
            + "</Relationships>"))
        if shared_strings:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
        with archive.open("xl/worksheets/sheet1.xml", "w") as handle:
            handle.write(f'<?xml version="1.0"?><worksheet {ns}><sheetData>'.encode())
            sheet_writer(handle)
            handle.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def zip_bomb(megabytes: int = 300) -> bytes:
    """A few hundred KB that expand to ``megabytes`` MB of sheet XML."""
    cell = b'<c t="inlineStr"><is><t>' + b"A" * 4000 + b"</t></is></c>"
    row = b"<row>" + cell * 25 + b"</row>"  # 100 KB a row

    def write(handle):
        for _ in range(megabytes * 10):
            handle.write(row)

    return _workbook_parts(write)


def huge_shared_strings(count: int = 400_000) -> bytes:
    """A shared-strings table of ``count`` distinct strings, referenced by a small sheet."""
    strings = b"".join(b"<si><t>s%d</t></si>" % number for number in range(count))
    table = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             b'count="%d" uniqueCount="%d">' % (count, count) + strings + b"</sst>")

    def write(handle):
        handle.write(b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
                     b'<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>99999999</v></c></row>')

    return _workbook_parts(write, table)


@functools.cache
def hostile_files(max_content_length: int) -> dict[str, tuple[str, bytes]]:
    good_xlsx = xlsx(ROWS)
    text = _csv(ROWS)
    big = "Ad,E-poçt,Telefon\r\n" + "".join(f"Ad {n},a{n}@example.org,050 123 {n % 100:02d} 67\r\n"
                                            for n in range(100_000))
    return {
        "cp1251": ("people.csv", "Ад,Телефон\r\nИван,050 123 45 67\r\n".encode("cp1251")),
        "cp1254": ("people.csv", "Ad,Telefon\r\nŞükür Ağa,050 123 45 67\r\n".encode("cp1254")),
        "utf-16 without BOM": ("people.csv", text.encode("utf-16-le")),
        "utf-16be without BOM": ("people.csv", text.encode("utf-16-be")),
        "utf-8 with BOM": ("people.csv", text.encode("utf-8-sig")),
        "mixed line ends": ("people.csv", b"Ad,Telefon\r\nA,1\nB,2\rC,3\r\n"),
        "NUL bytes": ("people.csv", text.encode().replace(b",", b",\x00", 3)),
        "100k rows": ("big.csv", big.encode()),
        "truncated xlsx": ("people.xlsx", good_xlsx[: len(good_xlsx) // 2]),
        "xlsx cut inside its sheet": ("people.xlsx", _cut_sheet(good_xlsx)),
        "xlsx zip bomb": ("bomb.xlsx", zip_bomb()),
        "xlsx with a huge shared-strings table": ("strings.xlsx", huge_shared_strings()),
        "not a PDF": ("letter.pdf", b"%PDF-1.4\n<script>alert(1)</script> not really a PDF"),
        "text named .pdf": ("letter.pdf", b"Bu PDF deyil"),
        "not a PNG": ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),
        "not a JPEG": ("logo.jpg", b"\xff\xd8\xff\xe0" + b"JFIF junk" * 10),
        "HTML named .png": ("logo.png", b"<svg onload=alert(1)></svg>"),
        "not an XLSX": ("people.xlsx", b"PK\x03\x04" + b"junk" * 100),
        "a zip, not a workbook": ("people.xlsx", _plain_zip()),
        "empty": ("empty.csv", b""),
        "only a BOM": ("bom.csv", b"\xef\xbb\xbf"),
        "binary": ("people.csv", bytes(range(256)) * 20),
        "larger than MAX_CONTENT_LENGTH": ("huge.csv", b"a,b\r\n" * (max_content_length // 4)),
        "hostile file name": ("../../etc/passwd\x00.csv\r\nX: 1", text.encode()),
    }


def _cut_sheet(data: bytes) -> bytes:
    """A workbook whose sheet XML stops half-way (a real zip, a broken sheet)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                content = content[: len(content) // 2]
            archive.writestr(info.filename, content)
    return buffer.getvalue()


def _plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "salam")
    return buffer.getvalue()
