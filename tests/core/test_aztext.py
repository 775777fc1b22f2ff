"""Azerbaijani case rules, search keys, alphabetical order, ordinals and phone numbers."""

import pytest

from umid_events.core.aztext import (
    az_lower,
    az_sorted,
    az_upper,
    matches,
    ordinal,
    search_key,
    sort_key,
)
from umid_events.core.phones import InvalidPhone, display_phone, normalise_phone


def test_case_follows_azerbaijani_rules_not_english_ones():
    assert "İ".lower() != "i"  # the trap this module exists for
    assert az_lower("İLHAM") == "ilham"
    assert az_lower("ILĞAR") == "ılğar"
    assert az_upper("ilham ılğar") == "İLHAM ILĞAR"


@pytest.mark.parametrize(("query", "name"), [
    ("ilham", "İLHAM Məmmədov"), ("İlham", "ilham məmmədov"), ("ILĞAR", "Ilğar"),
    ("əliyev", "ƏLİYEV"), ("Eliyev", "Əliyev"), ("sukurova", "Şükürova"), ("şükür", "ŞÜKÜROVA"),
    ("memmed", "Məmməd"), ("  ayGÜN   həsən ", "Həsənova Aygün"),
])
def test_search_ignores_case_and_keyboard_differences(query, name):
    assert matches(query, name)


def test_search_still_tells_different_names_apart():
    assert not matches("ilham", "Ilqar")
    assert not matches("aygün həsən", "Aygün Quliyeva")
    assert search_key("İ̇lham") == "ilham"  # a decomposed dotted capital I
    assert search_key("José  Çələbi-Łukasz") == "jose celebi-łukasz"  # accents off, letters kept


def test_names_sort_in_the_azerbaijani_alphabet():
    names = ["Zaur", "Əli", "Eldar", "Çingiz", "Cavid", "İlkin", "Ilqar", "Xəyal", "Həsən",
             "Qasım", "Kamil", "Şahin", "Sara", "Ülvi", "Uğur", "Orxan", "Ömər", "Ğ", "Gülnar"]
    assert az_sorted(names) == [
        "Cavid", "Çingiz", "Eldar", "Əli", "Gülnar", "Ğ", "Həsən", "Xəyal", "Ilqar", "İlkin",
        "Kamil", "Qasım", "Orxan", "Ömər", "Sara", "Şahin", "Uğur", "Ülvi", "Zaur",
    ]
    assert sort_key("ƏLİ") == sort_key("əli")
    assert sort_key("Ali Zeynalov") < sort_key("Aliyev")


@pytest.mark.parametrize(("number", "text"), [
    (1, "1-ci"), (2, "2-ci"), (3, "3-cü"), (4, "4-cü"), (6, "6-cı"), (9, "9-cu"), (10, "10-cu"),
    (12, "12-ci"), (20, "20-ci"), (30, "30-cu"), (40, "40-cı"), (60, "60-cı"), (100, "100-cü"),
])
def test_ordinals(number, text):
    assert ordinal(number) == text


@pytest.mark.parametrize("raw", ["050 123 45 67", "(050) 123-45-67", "+994 50 123 45 67",
                                 "994501234567", "00994501234567", "0501234567", "501234567"])
def test_azerbaijani_numbers_in_any_spelling_become_one_international_number(raw):
    assert normalise_phone(raw) == "+994501234567"


def test_phone_edge_cases():
    assert normalise_phone("  ") is None
    assert normalise_phone("+7 912 345 67 89") == "+79123456789"
    for bad in ("12", "050 123", "telefon", "+994 00 000 00 00"):
        with pytest.raises(InvalidPhone):
            normalise_phone(bad)
    assert display_phone("+994501234567") == "+994 50 123 45 67"
