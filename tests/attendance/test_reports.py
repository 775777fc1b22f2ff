"""Reading the platforms' attendance reports.

The expected people and minutes below were worked out by reading the fixture files by hand:
Zoom rounds each row up to whole minutes, rejoins add up, and sessions of one person that
overlap in time (Power Girl's two devices) count once, from her first join to her last leave.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from umid_events.attendance.reports import (
    ReportError,
    is_device_name,
    parse_duration,
    parse_generic,
    parse_report,
    read_table,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "attendance"


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def by_email(report):
    return {a.email: a for a in report.attendees if a.email}


def by_name(report):
    return {a.name: a for a in report.attendees}


def codes(report):
    return [code for code, _params in report.warnings]


# ---------------------------------------------------------------- the four samples

HEROES_MINUTES = {
    "loki_asgardian@marvel.com": 128,
    "mockingbird_human@marvel.com": 115,
    "clea_unknown@marvel.com": 10,
    "power-girl_kryptonian@dc.com": 114,  # 114 and 111, overlapping: 10:08:26–12:01:58
    "cyborg-superman_cyborg@dc.com": 86,  # 52 + 34 (rejoined at 11:28)
    "blizzard-ii_unknown@marvel.com": 114,
    "green-goblin_human@marvel.com": 113,
    "donna-troy_amazon@dc.com": 113,
    "erg-1_unknown@dc.com": 112,
    "alan-scott_unknown@dc.com": 112,
    "juggernaut_human@marvel.com": 112,
    "thunderbird-ii_unknown@marvel.com": 3,
    "silverclaw_unknown@marvel.com": 111,
    "simon-baz_human@dc.com": 111,
    "warp_unknown@dc.com": 109,
    "birdman_eternal@hb.com": 110,
    "isis_unknown@dc.com": 108,
    "swarm_mutant@marvel.com": 108,  # 10 + 98 (the sessions overlap by 14 s: union 1:47:28)
    "jason-bourne_human@something.com": 107,
    "angel-salvadore_unknown@marvel.com": 107,
    "phoenix_mutant@marvel.com": 103,
    "magus_unknown@marvel.com": 78,
    "winter-soldier_human@marvel.com": 1,
    "dazzler_mutant@marvel.com": 29,  # 2 + 27
    "shang-chi_human@marvel.com": 4,
    "she-thing_radiation@marvel.com": 25,
    "redeemer-ii_unknown@comic.com": 98,
}


def test_zoom_participants_without_meeting_block():
    report = parse_report(load("zoomclass__participants_heroes.csv"), "participants.csv")
    assert report.format == "zoom-participants"
    assert report.rows == 31
    assert {a.email: a.minutes for a in report.attendees} == HEROES_MINUTES
    dazzler = by_email(report)["dazzler_mutant@marvel.com"]
    assert dazzler.name == "022_Dazzler"
    assert dazzler.sessions == 2
    assert dazzler.first_join == datetime(2021, 11, 19, 11, 1, 2)
    assert dazzler.last_leave == datetime(2021, 11, 19, 11, 29, 38)
    loki = by_email(report)["loki_asgardian@marvel.com"]
    assert (loki.name, loki.original_name) == ("015_Loki", "Loki Laufeyson")
    assert "overlapping_sessions" in codes(report)
    assert "host_left_out" not in codes(report)
    # "Recording Consent" is no column we read: its "Y" is nobody's phone number.
    assert {a.phone for a in report.attendees} == {None}


def test_zoom_participants_with_meeting_block_leaves_the_host_out():
    report = parse_report(load("zoomclass__participants_heroes_full.csv"), "heroes_full.csv")
    expected = dict(HEROES_MINUTES)
    del expected["green-goblin_human@marvel.com"]  # the meeting block's user email: the host
    assert report.format == "zoom-participants"
    assert {a.email: a.minutes for a in report.attendees} == expected
    assert report.rows == 30
    assert report.start == datetime(2021, 11, 19, 10, 0, 0)
    # "9:54:15 AM" without a leading zero
    assert by_email(report)["loki_asgardian@marvel.com"].first_join == datetime(
        2021, 11, 19, 9, 54, 15
    )
    host = dict(report.warnings)["host_left_out"]
    assert host["count"] == 1
    assert "green-goblin_human@marvel.com" in host["emails"]


def test_zoom_unique_users_with_bom_crlf_guests_and_a_device():
    report = parse_report(load("zoomGroupStats__meeting001_participants.csv"))
    assert report.format == "zoom-unique-users"
    assert report.encoding == "utf-8-sig"
    minutes = {a.name: (a.email, a.minutes) for a in report.attendees}
    assert minutes == {
        "George Harrison": ("george.harrison@gmail.com", 72),
        "John Lennon": (None, 70),
        "Paul McCartney": ("paul@gmail.com", 73),
        "Ringo Starr": ("ringorocks@beatles.org", 53),
        "George Martin": (None, 60),
        "Yoko Ono": (None, 58),
        "Peter Best": ("pete@bigregrets.edu", 54),
        "Eric Clapton": ("shredder@cream.org", 57),
        "Eric's iPad": (None, 57),
    }  # Andrew Knight, the host (knightap@wustl.edu in the meeting block), is left out
    assert [a.name for a in report.attendees if a.is_device] == ["Eric's iPad"]
    assert by_name(report)["Paul McCartney"].original_name == "Wings"
    assert all(a.first_join is None for a in report.attendees)


def test_teams_sample_utf16le_organiser_left_out():
    report = parse_report(load("teams_training_example_utf16le.csv"), "attendance.csv")
    assert report.format == "teams"
    assert report.encoding == "utf-16-le"
    people = {a.name: (a.email, a.minutes) for a in report.attendees}
    # 1h 20m 5s → 81 (rounded up, as Zoom does); 30m 30s → 31; Təlimçi Aynur is the organiser.
    assert people == {"Babayev, Elşən": ("elsen.b@example.org", 81), "Nərmin": (None, 31)}
    assert by_name(report)["Nərmin"].is_guest
    assert by_name(report)["Babayev, Elşən"].first_join == datetime(2022, 4, 5, 14, 3, 0)
    assert report.start == datetime(2022, 4, 5, 14, 0, 4)
    assert dict(report.warnings)["host_left_out"]["count"] == 1


# ---------------------------------------------------------------- Teams variants written here


def teams_text(*, day_first: bool, title_case: bool = True, newline: str = "\r\n") -> str:
    def when(day: int, hour: int, minute: int, second: int) -> str:
        if day_first:
            return f"{day:02d}/11/22, {hour:02d}:{minute:02d}:{second:02d}"
        suffix = "AM" if hour < 12 else "PM"
        hour12 = hour % 12 or 12
        return f'"11/{day}/22, {hour12}:{minute:02d}:{second:02d} {suffix}"'

    join, leave = ("First Join", "Last Leave") if title_case else ("First join", "Last leave")
    pad = "\t\t\t"
    lines = [
        "1. Summary" + pad,
        "Meeting title\tGənclər üçün rəqəmsal savadlılıq" + pad,
        "Attended participants\t5" + pad,
        f"Start time\t{when(14, 9, 29, 7)}" + pad,
        f"End time\t{when(14, 11, 0, 0)}" + pad,
        "",
        "2. Participants",
        f"Name\t{join}\t{leave}\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
        f"Təşkilatçı Səbinə\t{when(14, 9, 29, 7)}\t{when(14, 11, 0, 0)}\t1h 30m 53s"
        "\thost@umid.az\thost@umid.az\tOrganizer\t\t",
        f'"Əliyev, İlham"\t{when(14, 9, 30, 0)}\t{when(14, 10, 31, 2)}\t1h 1m 2s'
        "\tilham@example.az\tilham@example.az\tAttendee",
        f"Şükürova Günel (Guest)\t{when(14, 13, 0, 0)}\t{when(14, 13, 13, 22)}\t13m 22s"
        "\t\t\tAttendee\t",
        f"Samsung SM-A515F\t{when(14, 10, 0, 0)}\t{when(14, 10, 0, 59)}\t59s\t\t\tAttendee",
        f"Quliyev Rəşad\t{when(14, 10, 0, 0)}\t{when(14, 10, 45, 0)}\t45m 0s"
        "\tRashad@Example.az\trashad@example.az\tPresenter",
        "",
        "3. In-Meeting Activities",
        "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
        f'"Əliyev, İlham"\t{when(14, 9, 30, 0)}\t{when(14, 10, 0, 0)}\t30m 0s'
        "\tilham@example.az\tAttendee",
        f'"Əliyev, İlham"\t{when(14, 10, 0, 0)}\t{when(14, 10, 31, 2)}\t31m 2s'
        "\tilham@example.az\tAttendee",
    ]
    return newline.join(lines) + newline


def encode(text: str, encoding: str) -> bytes:
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8": b""}[encoding]
    return bom + text.encode(encoding)


TEAMS_EXPECTED = {
    "ilham@example.az": ("Əliyev, İlham", 62),  # 1h 1m 2s → 62
    None: ("Şükürova Günel", 14),  # 13m 22s → 14, a guest without email
    "rashad@example.az": ("Quliyev Rəşad", 45),  # a presenter attended; only organisers go
}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8"])
@pytest.mark.parametrize("day_first", [False, True])
@pytest.mark.parametrize("title_case", [True, False])
def test_teams_variants(encoding, day_first, title_case):
    data = encode(teams_text(day_first=day_first, title_case=title_case), encoding)
    report = parse_report(data, "meetingAttendanceReport.csv")
    assert report.format == "teams"
    assert report.encoding == encoding
    people = {a.email: (a.name, a.minutes) for a in report.attendees if not a.is_device}
    assert people == TEAMS_EXPECTED
    device = [a for a in report.attendees if a.is_device]
    assert [(a.name, a.minutes) for a in device] == [("Samsung SM-A515F", 1)]
    ilham = by_email(report)["ilham@example.az"]
    assert ilham.first_join == datetime(2022, 11, 14, 9, 30, 0)
    assert ilham.last_leave == datetime(2022, 11, 14, 10, 31, 2)
    guest = by_name(report)["Şükürova Günel"]
    assert guest.is_guest
    assert guest.first_join == datetime(2022, 11, 14, 13, 0, 0)
    assert report.start == datetime(2022, 11, 14, 9, 29, 7)
    assert dict(report.warnings)["host_left_out"]["emails"] == ["host@umid.az"]
    assert report.rows == 4


def test_teams_lf_line_ends_and_no_bom():
    data = teams_text(day_first=True, newline="\n").encode("utf-16-le")
    report = parse_report(data)
    assert {a.email: a.minutes for a in report.attendees if a.email} == {
        "ilham@example.az": 62,
        "rashad@example.az": 45,
    }


def test_teams_activities_only_sums_rejoins():
    text = "\r\n".join(
        [
            "3. In-Meeting Activities\t\t\t",
            "Name\tJoin time\tLeave time\tDuration\tEmail\tRole",
            "Həsənova Aytən\t05/04/23, 10:00:00\t05/04/23, 10:20:30\t20m 30s\taytan@example.az\tAttendee",
            "Həsənova Aytən\t05/04/23, 10:25:00\t05/04/23, 11:05:00\t40m 0s\taytan@example.az\tAttendee",
            "Rəhbər\t05/04/23, 09:55:00\t05/04/23, 11:10:00\t1h 15m 0s\tlead@umid.az\tOrganizer",
        ]
    )
    data = encode(text, "utf-16-le")
    # 05/04/23 is ambiguous; the event's date decides (5 April 2023, day first)
    report = parse_report(data, expected_start=datetime(2023, 4, 5, 10, 0))
    (aytan,) = report.attendees
    assert (aytan.email, aytan.minutes, aytan.sessions) == ("aytan@example.az", 61, 2)
    assert aytan.first_join == datetime(2023, 4, 5, 10, 0)
    assert "far_from_event" not in codes(report)
    us = parse_report(data, expected_start=datetime(2023, 5, 4, 10, 0))
    assert us.attendees[0].first_join == datetime(2023, 5, 4, 10, 0)
    guessed = parse_report(data)
    assert "ambiguous_date_order" in codes(guessed)


# ---------------------------------------------------------------- other layouts

ZOOM_WEBINAR = """Attendee Report,
Report Generated:,"11/20/2021 10:00 AM"
Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,Unique Viewers,
Ümid vebinarı,81234567890,"11/19/2021 10:00:00 AM",60,3,2,

Host Details,
Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name,
Yes,Ümid Host,host@umid.az,"11/19/2021 09:50:00 AM","11/19/2021 11:00:00 AM",70,No,Azerbaijan,
Panelist Details,
Attended,Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name,
Yes,Dr. Kamran Rzayev,kamran@uni.az,"11/19/2021 09:55:00 AM","11/19/2021 11:00:00 AM",65,No,Azerbaijan,

Attendee Details,
Attended,User Name (Original Name),First Name,Last Name,Email,Registration Time,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name,Şəhəriniz?
Yes,Leyla Məmmədova,Leyla,Məmmədova,leyla@example.az,"11/10/2021 08:00:00 PM","11/19/2021 10:01:00 AM","11/19/2021 10:30:00 AM",30,Yes,Azerbaijan,Bakı
Yes,Leyla Məmmədova,Leyla,Məmmədova,leyla@example.az,"11/10/2021 08:00:00 PM","11/19/2021 10:35:00 AM","11/19/2021 11:00:00 AM",25,Yes,Azerbaijan,Bakı
No,Orxan Həsənov,Orxan,Həsənov,orxan@example.az,"11/11/2021 09:00:00 AM",--,--,--,--,--,Gəncə
Yes,Kamran Rzayev,Kamran,Rzayev,kamran@uni.az,"11/12/2021 09:00:00 AM","11/19/2021 10:00:00 AM","11/19/2021 10:05:00 AM",5,Yes,Azerbaijan,Bakı
"""


def test_zoom_webinar_report():
    report = parse_report(ZOOM_WEBINAR.encode("utf-8"), "webinar.csv")
    assert report.format == "zoom-webinar"
    assert [(a.name, a.email, a.minutes) for a in report.attendees] == [
        ("Leyla Məmmədova", "leyla@example.az", 55)  # 30 + 25
    ]
    warnings = dict(report.warnings)
    # the host, the panelist, and the panelist's own row among the attendees
    assert warnings["host_left_out"]["count"] == 3
    assert warnings["did_not_attend_left_out"] == {"count": 1}
    assert report.start == datetime(2021, 11, 19, 10, 0)


def test_google_meet_report():
    data = (
        "Name,Email,Duration,Time Joined,Time Exited\n"
        "Nigar Süleymanova,nigar@example.az,1 hr 5 min,2024-03-01 10:00:00,2024-03-01 11:05:00\n"
        "Tural Abbasov,tural@example.az,45 min,2024-03-01 10:10:00,2024-03-01 10:55:00\n"
        "Tural Abbasov,tural@example.az,10 min,2024-03-01 11:00:00,2024-03-01 11:10:00\n"
    ).encode()
    report = parse_report(data, "meet.csv")
    assert report.format == "google-meet"
    assert {a.email: a.minutes for a in report.attendees} == {
        "nigar@example.az": 65,
        "tural@example.az": 55,
    }


def test_generic_csv_detected_by_its_columns_with_semicolons():
    data = "Ad Soyad;E-poçt;Dəqiqə\nAynur Həsənli;aynur@example.az;40\n;;\nSamir Qədirov;;35\n"
    report = parse_report(data.encode(), "list.csv")
    assert report.format == "generic"
    assert {a.name: (a.email, a.minutes) for a in report.attendees} == {
        "Aynur Həsənli": ("aynur@example.az", 40),
        "Samir Qədirov": (None, 35),
    }


def test_parse_generic_with_a_mapping_and_formula_text_kept_as_text():
    rows = [
        ["Kim", "Poçt", "Vaxt", "Telefon"],
        ['=HYPERLINK("http://evil","x")', "", "12", ""],
        ["Aynur Həsənli", "Aynur@Example.az", "1h 2m", "050 123 45 67"],
    ]
    report = parse_generic(rows, {"name": "Kim", "email": "Poçt", "minutes": 2, "phone": "Telefon"})
    assert report.format == "generic"
    names = {a.name: a for a in report.attendees}
    assert names['=HYPERLINK("http://evil","x")'].minutes == 12
    assert names["Aynur Həsənli"].email == "aynur@example.az"
    assert names["Aynur Həsənli"].minutes == 62
    assert names["Aynur Həsənli"].phone == "050 123 45 67"
    assert dict(report.warnings)["formula_like_text"] == {"count": 1}
    with pytest.raises(ReportError) as error:
        parse_generic(rows, {"name": "Nope"})
    assert error.value.code == "missing_column"


def test_manual_list_without_minutes():
    report = parse_generic([["Name"], ["Aynur Həsənli"], ["Samir Qədirov"]], {"name": "Name"})
    assert [(a.name, a.minutes) for a in report.attendees] == [
        ("Aynur Həsənli", 0),
        ("Samir Qədirov", 0),
    ]
    assert "no_minutes" in codes(report)


def test_xlsx_is_read_like_a_csv():
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Full name", "Email", "Minutes"])
    sheet.append(["Aynur Həsənli", "aynur@example.az", 40])
    sheet.append(["Aynur Həsənli", "aynur@example.az", 15])
    sheet.append(["'=1+2", None, 3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = parse_report(buffer.getvalue(), "list.xlsx")
    assert report.encoding == "xlsx"
    assert {a.name: a.minutes for a in report.attendees} == {"Aynur Həsənli": 55, "'=1+2": 3}


def test_formula_cells_in_a_csv_are_text():
    data = b"Name,Email,Duration (Minutes)\n=cmd|' /C calc'!A0,,5\n"
    report = parse_report(data)
    assert [a.name for a in report.attendees] == ["=cmd|' /C calc'!A0"]
    assert "formula_like_text" in codes(report)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"\r\n\r\n  ", "empty_file"),
        (b"\xff\xfe", "empty_file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "wrong_kind"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "wrong_kind"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "wrong_kind"),
        ("Ad,Müddət\nƏli,5\n".encode("cp1254", errors="replace") + b"\xfd\xfe", "bad_encoding"),
        ("Имя,Длительность\n".encode("cp1251"), "bad_encoding"),
        (b"Colour,Size\nred,5\nblue,7\n", "unknown_columns"),
        (b"Name,Email,Duration (Minutes)\n", "no_attendees"),
    ],
)
def test_bad_files_raise_a_clear_error(data, code):
    with pytest.raises(ReportError) as error:
        parse_report(data, "upload")
    assert error.value.code == code
    assert error.value.message
    assert str(error.value) == error.value.message


def test_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ReportError) as error:
        parse_report(buffer.getvalue(), "report.xlsx")
    assert error.value.code == "wrong_kind"


def test_a_file_over_the_upload_limit():
    data = load("zoomclass__participants_heroes.csv")
    with pytest.raises(ReportError) as error:
        parse_report(data, max_bytes=1000)
    assert error.value.code == "too_large"
    assert error.value.params == {"size": len(data), "limit": 1000}


def test_far_from_event_warning():
    data = load("zoomclass__participants_heroes_full.csv")
    near = parse_report(data, expected_start=datetime(2021, 11, 19, 10, 0))
    assert "far_from_event" not in codes(near)
    aware = parse_report(data, expected_start=datetime(2021, 11, 19, 10, 0, tzinfo=UTC))
    assert "far_from_event" not in codes(aware)
    far = parse_report(data, expected_start=datetime(2021, 11, 19, 10, 0) + timedelta(days=7))
    params = dict(far.warnings)["far_from_event"]
    assert params["days"] == 7.0
    assert params["report_start"] == "2021-11-19 10:00:00"
    # without a meeting block the first join is the report's start
    plain = parse_report(
        load("zoomclass__participants_heroes.csv"), expected_start=datetime(2022, 1, 1)
    )
    assert "far_from_event" in codes(plain)


# ---------------------------------------------------------------- small parts


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1h 2m 3s", 3723),
        ("13m 22s", 802),
        ("59s", 59),
        ("1:02:03", 3723),
        ("1 hr 5 min", 3900),
        ("--", None),
        ("", None),
    ],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


def test_a_number_is_minutes_in_minute_columns():
    assert parse_duration("75") == 75 * 60
    assert parse_duration("75", unit_minutes=False) == 75


@pytest.mark.parametrize(
    ("name", "device"),
    [
        ("Samsung SM-A515F", True),
        ("iPhone", True),
        ("Eric's iPad", True),
        ("Galaxy A52", True),
        ("Redmi Note 8 Pro", True),
        ("DESKTOP-4F7K2QL", True),
        ("+994 50 123 45 67", True),
        ("Xəyalə Səmədova", False),
        ("Honorata Kowalska", False),
        ("Samira Əliyeva", False),
    ],
)
def test_device_names(name, device):
    assert is_device_name(name) is device


def test_read_table_gives_the_rows_for_column_mapping():
    rows, encoding = read_table("Kim;Vaxt\nƏli;5\n".encode("utf-8-sig"))
    assert (rows, encoding) == ([["Kim", "Vaxt"], ["Əli", "5"]], "utf-8-sig")


def test_host_emails_given_by_the_app_are_left_out():
    report = parse_report(
        load("zoomclass__participants_heroes.csv"), host_emails=[" LOKI_asgardian@marvel.com "]
    )
    assert "loki_asgardian@marvel.com" not in by_email(report)
    assert len(report.attendees) == 26
    assert dict(report.warnings)["host_left_out"]["count"] == 1


def test_old_teams_join_left_log_is_refused_with_a_clear_code():
    text = "Full Name\tUser Action\tTimestamp\r\nAynur Həsənli\tJoined\t4/5/22, 2:00:04 PM\r\n"
    with pytest.raises(ReportError) as error:
        parse_report(encode(text, "utf-16-le"))
    assert error.value.code == "unknown_columns"
    assert error.value.params["header"] == ["Full Name", "User Action", "Timestamp"]
