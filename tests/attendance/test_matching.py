"""Matching attendees to registrations: email, then phone, then name."""

from __future__ import annotations

from pathlib import Path

import pytest

from umid_events.attendance import matching
from umid_events.attendance.matching import Candidate, match_attendees, name_keys
from umid_events.attendance.reports import Attendee, parse_report

FIXTURES = Path(__file__).parent.parent / "fixtures" / "attendance"


def attendee(name, email=None, minutes=30, **kw):
    return Attendee(name=name, email=email, minutes=minutes, **kw)


def one(attendee_, candidates):
    (result,) = match_attendees([attendee_], candidates)
    return result


REGISTRATIONS = [
    Candidate(1, "İlham Əliyev", "ilham@example.az", "+994501234567"),
    Candidate(2, "Günel Şükürova", "gunel@example.az", None),
    Candidate(3, "Rəşad Məmmədov", None, "055 765 43 21"),
    Candidate(4, "Elşən Hüseynov", "elshan@example.az", None),
    Candidate(5, "Nərmin Qasımova", None, None),
    Candidate(6, "Orxan Cəfərov", None, None),
    Candidate(7, "Leyla Xəlilova", None, None),
    Candidate(8, "Aysel Əliyeva", None, None),
    Candidate(9, "Aysel Əliyeva", None, None),  # registered twice
]


def test_email_first_case_insensitive():
    result = one(attendee("Somebody Else", "ILHAM@Example.AZ"), REGISTRATIONS)
    assert (result.kind, result.method, result.candidate.registration_id) == ("matched", "email", 1)


def test_phone_second_normalised():
    result = one(attendee("R.M.", "other@example.az", phone="+994 55 765-43-21"), REGISTRATIONS)
    assert (result.kind, result.method, result.candidate.registration_id) == ("matched", "phone", 3)


def test_a_phone_number_used_as_the_zoom_name():
    result = one(attendee("0501234567"), REGISTRATIONS)
    assert (result.kind, result.method, result.candidate.registration_id) == ("matched", "phone", 1)


@pytest.mark.parametrize(
    ("name", "registration_id"),
    [
        ("İlham Əliyev", 1),
        ("ILHAM ƏLIYEV", 1),
        ("Aliyev Ilham", 1),  # word order and passport spelling
        ("Əliyev, İlham", 1),  # Teams "Last, First"
        ("Gunel Shukurova", 2),
        ("Şükürova Günel", 2),
        ("Rashad Mammadov", 3),
        ("Rashad Mamedov", 3),
        ("Elshan Huseynov", 4),
        ("Narmin Gasimova", 5),
        ("Orkhan Jafarov", 6),
        ("Leyla Khalilova", 7),
    ],
)
def test_names_with_folding_and_transliteration_match(name, registration_id):
    result = one(attendee(name), REGISTRATIONS)
    assert result.kind == "matched", result
    assert result.candidate.registration_id == registration_id
    assert result.method in {"name", "name_variant"}


@pytest.mark.parametrize(
    ("name", "expected_ids"),
    [
        ("Elshan Guseynov", {4}),  # Russian-style h → g: shown, not decided
        ("Ilham Aliev", {1}),  # Russian-style -iev
        ("Aysel Aliyeva", {8, 9}),  # two registrations with the name
        ("Ilhan Aliyev", {1}),  # a typo
        ("İlham Heydər oğlu Əliyev", {1}),  # patronymic added
        ("Nərmin", {5}),  # a first name alone
    ],
)
def test_uncertain_lists_the_candidates(name, expected_ids):
    result = one(attendee(name), REGISTRATIONS)
    assert result.kind == "uncertain", result
    assert result.candidate is None
    assert {c.registration_id for c in result.candidates} == expected_ids


def test_unmatched_and_devices():
    assert one(attendee("Kamran Rzayev"), REGISTRATIONS).kind == "unmatched"
    device = one(attendee("Samsung SM-A515F", is_device=True), REGISTRATIONS)
    assert device.kind == "unmatched"
    assert one(attendee("iPhone"), REGISTRATIONS).kind == "unmatched"
    # a device with a known email is still matched by its email
    matched = one(attendee("iPhone", "gunel@example.az", is_device=True), REGISTRATIONS)
    assert (matched.kind, matched.candidate.registration_id) == ("matched", 2)


def test_email_shared_by_two_registrations_picks_by_name():
    family = [
        Candidate(1, "Aynur Həsənli", "family@example.az", None),
        Candidate(2, "Samir Həsənli", "family@example.az", None),
    ]
    result = one(attendee("Samir Hasanli", "family@example.az"), family)
    assert (result.kind, result.candidate.registration_id) == ("matched", 2)
    unclear = one(attendee("Kid's laptop", "family@example.az"), family)
    assert unclear.kind == "uncertain"
    assert {c.registration_id for c in unclear.candidates} == {1, 2}


def test_one_registration_claimed_by_two_names_goes_to_the_organiser():
    results = match_attendees(
        [attendee("Orxan Cəfərov"), attendee("Orkhan Jafarov")], REGISTRATIONS
    )
    assert [r.kind for r in results] == ["uncertain", "uncertain"]
    assert all(r.candidates[0].registration_id == 6 for r in results)


def test_results_keep_the_attendees_order():
    people = [
        attendee("Kamran Rzayev"),
        attendee("Aliyev Ilham"),
        attendee("x", "gunel@example.az"),
    ]
    results = match_attendees(people, REGISTRATIONS)
    assert [r.attendee for r in results] == people
    assert [r.kind for r in results] == ["unmatched", "matched", "matched"]


def test_name_keys_fold_variants_together():
    for a, b in [
        ("Əliyev", "Aliyev"),
        ("Şükürova", "Shukurova"),
        ("Məmmədov", "Mammadov"),
        ("Məmmədov", "Mamedov"),
        ("Hüseynov", "Huseynov"),
        ("Qasımov", "Gasimov"),
        ("Aliyev Ilham", "İlham Əliyev"),
    ]:
        assert name_keys(a).variant == name_keys(b).variant, (a, b)
    assert name_keys("Hüseynov").loose == name_keys("Guseynov").loose
    assert name_keys("Əli Həsənov").variant != name_keys("Vəli Həsənov").variant


def test_matching_a_real_report(tmp_path):
    report = parse_report((FIXTURES / "teams_training_example_utf16le.csv").read_bytes())
    results = match_attendees(
        report.attendees,
        [
            Candidate(10, "Elşən Babayev", "elsen.b@example.org", None),
            Candidate(11, "Nərmin Quliyeva", None, None),
        ],
    )
    kinds = {r.attendee.name: (r.kind, r.method) for r in results}
    assert kinds == {
        "Babayev, Elşən": ("matched", "email"),
        "Nərmin": ("uncertain", "partial_name"),
    }


def test_fuzzy_comparison_is_bounded_by_the_index(monkeypatch):
    """Not a timing test: count how many name comparisons the fuzzy step makes."""
    calls = 0
    real = matching.SequenceMatcher

    class Counting(real):
        def set_seq1(self, a):
            nonlocal calls
            calls += 1
            return super().set_seq1(a)

    monkeypatch.setattr(matching, "SequenceMatcher", Counting)
    surnames = ["Əliyev", "Məmmədov", "Həsənov", "Hüseynov", "Quliyev", "Rzayev", "Abbasov"]
    firsts = ["Elçin", "Rauf", "Tural", "Kənan", "Orxan", "Vüqar", "Samir", "Fuad", "Anar", "Emin"]
    candidates = [
        Candidate(i, f"{firsts[i % 10]}{i} {surnames[i % 7]}", None, None) for i in range(2000)
    ]
    attendees = [attendee(f"Zzz{i} {surnames[i % 7]}") for i in range(500)]
    results = match_attendees(attendees, candidates)
    assert all(r.kind == "unmatched" for r in results)
    # every attendee shares its surname with ~285 registrations, yet is compared with at most
    # MAX_FUZZY of them (+1: the matcher's constructor); all pairs would be 1,000,000 calls
    assert calls <= len(attendees) * (matching.MAX_FUZZY + 1)
