"""Reading uploaded files: encodings, delimiters, spreadsheets, limits and column guesses."""

from __future__ import annotations

import pytest

from umid_events.contacts.importing import (
    MAX_ROWS,
    ImportFileError,
    guess_mapping,
    read_table,
)

from .conftest import TextCell, csv_bytes, xlsx_bytes

ROWS = [["Ad, soyad", "E-poçt", "Telefon"],
        ["Şəhla Əliyeva", "shahla@example.org", "050 123 45 67"],
        ["İlkin Qasımov", "", "+994 55 222 33 44"]]


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-8", ","), ("utf-8-sig", ";"), ("utf-16-le", "\t"), ("utf-16-be", "\t"), ("utf-16", ";"),
])
def test_utf8_and_utf16_files_keep_azerbaijani_letters(encoding, delimiter):
    data = csv_bytes(ROWS, delimiter=delimiter, encoding=encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # as Excel's "Unicode text": with its BOM
        data = "\ufeff".encode(encoding) + data
    table = read_table("people.csv", data)
    assert table.header == ROWS[0]
    assert table.rows == ROWS[1:]


@pytest.mark.parametrize(("encoding", "name"), [
    ("cp1251", "Мария Ивановна"), ("latin-1", "Günay Öztürk"), ("cp1254", "Müşfiq Şükürov"),
])
def test_files_in_windows_code_pages_are_refused_not_guessed(encoding, name):
    data = csv_bytes([["Name", "Email"], [name, "m@example.org"]], encoding=encoding)
    with pytest.raises(ImportFileError) as error:
        read_table("people.csv", data)
    assert "not UTF-8 or UTF-16 text" in str(error.value)
    assert "CSV UTF-8" in str(error.value)


def test_utf16_without_a_bom_is_refused_rather_than_read_with_nul_letters():
    with pytest.raises(ImportFileError, match="not UTF-8 or UTF-16"):
        read_table("people.csv", csv_bytes(ROWS, encoding="utf-16-le"))


def test_xlsx_first_sheet_with_phones_stored_as_numbers_and_formulas_never_evaluated():
    data = xlsx_bytes([["Name", "Phone", "Note", "Sum"],
                       ["Şəhla Əliyeva", 994501234567, TextCell("=HYPERLINK(\"http://x\")"), "=1+1"],
                       [None, None, None, None], ["Aygün", "055 222 33 44", None, None]])
    table = read_table("people.xlsx", data)
    assert table.header == ["Name", "Phone", "Note", "Sum"]
    # A text cell that looks like a formula stays text; a formula is read as its saved value
    # (none here: openpyxl saves no values), never computed.
    assert table.rows == [["Şəhla Əliyeva", "994501234567", '=HYPERLINK("http://x")', ""],
                          ["Aygün", "055 222 33 44", "", ""]]


@pytest.mark.parametrize(("filename", "data", "message"), [
    ("people.csv", b"", "The file is empty."),
    ("people.csv", b"  \r\n", "The file is empty."),
    ("people.csv", "Ad, soyad;Əlaqə nömrəsi\r\n".encode(), "header line but no rows"),
    ("people.xlsx", b"PK\x03\x04 not really a zip", "neither a CSV text file nor an Excel .xlsx"),
    ("people.xlsx", b"plain text pretending", "neither a CSV text file nor an Excel .xlsx"),
    ("people.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Old Excel .xls files"),
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8 or UTF-16 text"),
])
def test_unreadable_files_get_a_message_that_says_why(filename, data, message):
    with pytest.raises(ImportFileError) as error:
        read_table(filename, data)
    assert message in str(error.value)


def test_too_many_rows_is_refused():
    rows = [["Name", "Phone"]] + [[f"Person {n}", ""] for n in range(MAX_ROWS + 1)]
    with pytest.raises(ImportFileError, match="more than 5000 rows"):
        read_table("people.csv", csv_bytes(rows))
    assert len(read_table("people.csv", csv_bytes(rows[:-1])).rows) == MAX_ROWS


def test_short_rows_are_padded_and_blank_titles_numbered():
    table = read_table("people.csv", b"Name,,Phone\nA\nB,x,1,extra\n")
    assert table.header == ["Name", "#2", "Phone", "#4"]
    assert table.rows == [["A", "", "", ""], ["B", "x", "1", "extra"]]


@pytest.mark.parametrize(("header", "expected"), [
    (["Ad, soyad", "E-poçt", "Telefon", "İcma", "Təşkilat", "Cinsi", "Dil"],
     {"full_name": 0, "email": 1, "phone": 2, "community": 3, "organisation": 4, "gender": 5,
      "language": 6}),
    (["No", "Name", "Phone number", "E-mail", "Gender"],
     {"full_name": 1, "email": 3, "phone": 2, "gender": 4}),
    (["S.A.A.", "Telefon nömrəsi (mobil)", "ELEKTRON POÇT"], {"full_name": 0, "phone": 1, "email": 2}),
    (["Kolonka 1", "Kolonka 2"], {}),
])
def test_columns_are_guessed_from_azerbaijani_and_english_titles(header, expected):
    guessed = {field: index for field, index in guess_mapping(header).items() if index is not None}
    assert guessed == expected


@pytest.mark.parametrize(("text", "header"), [
    ("Ad, soyad;Telefon\nŞəhla Əliyeva;050 123 45 67\n", ["Ad, soyad", "Telefon"]),
    ('"Ad, soyad",Telefon\n"Əliyeva, Şəhla",050 123 45 67\n', ["Ad, soyad", "Telefon"]),
    ("Name\tPhone\tNote\nA\t1\tx;y\n", ["Name", "Phone", "Note"]),
    ("Name\nŞəhla Əliyeva\n", ["Name"]),
])
def test_the_delimiter_is_found_even_with_commas_in_titles(text, header):
    assert read_table("people.csv", text.encode()).header == header
