"""Azerbaijani case rules, search keys, alphabetical order, ordinals and phone numbers."""

import pytest

from umid_events.core.aztext import (
    ablative,
    az_lower,
    az_sorted,
    az_upper,
    dative,
    locative,
    matches,
    ordinal,
    possessive,
    search_key,
    sort_key,
    spoken_last_word,
    with_suffix,
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


# The last spoken word's last vowel decides: beş → -də, altı → -da, iyirmi → -də, min → -də.
@pytest.mark.parametrize(("value", "text"), [
    (0, "0-da"), (1, "1-də"), (2, "2-də"), (3, "3-də"), (4, "4-də"), (5, "5-də"), (6, "6-da"), (7, "7-də"),
    (8, "8-də"), (9, "9-da"), (10, "10-da"), (11, "11-də"), (16, "16-da"), (20, "20-də"), (30, "30-da"),
    (40, "40-da"), (50, "50-də"), (60, "60-da"), (70, "70-də"), (80, "80-də"), (90, "90-da"),
    (100, "100-də"), (250, "250-də"), (1000, "1000-də"), (2022, "2022-də"), (1_000_000, "1000000-da"),
    ("1 500 000", "1 500 000-də"), ("2,5", "2,5-də"),
    # a time: the minutes decide; a full hour is read as the hour alone ("saat on dörd")
    ("14:45", "14:45-də"), ("14:30", "14:30-da"), ("14:40", "14:40-da"), ("14:05", "14:05-də"),
    ("14:09", "14:09-da"), ("09:15", "09:15-də"), ("14:00", "14:00-də"), ("10:00", "10:00-da"),
    ("16:00", "16:00-da"), ("09:00", "09:00-da"), ("00:00", "00:00-da"),
    ("15 mart 2022, 10:30", "15 mart 2022, 10:30-da"),
])
def test_the_locative_follows_the_number_as_spoken(value, text):
    assert locative(value) == text


@pytest.mark.parametrize(("value", "abl", "dat", "poss", "gen"), [
    (1, "1-dən", "1-ə", "1-i", "1-in"), (2, "2-dən", "2-yə", "2-si", "2-nin"), (3, "3-dən", "3-ə", "3-ü", "3-ün"),
    (6, "6-dan", "6-ya", "6-sı", "6-nın"), (9, "9-dan", "9-a", "9-u", "9-un"), (10, "10-dan", "10-a", "10-u", "10-un"),
    (20, "20-dən", "20-yə", "20-si", "20-nin"), (40, "40-dan", "40-a", "40-ı", "40-ın"),
    (100, "100-dən", "100-ə", "100-ü", "100-ün"), (1000, "1000-dən", "1000-ə", "1000-i", "1000-in"),
    ("12:00", "12:00-dən", "12:00-yə", "12:00-si", "12:00-nin"), ("16:45", "16:45-dən", "16:45-ə", "16:45-i", "16:45-in"),
])
def test_the_other_cases_follow_harmony_and_take_a_buffer_after_a_vowel(value, abl, dat, poss, gen):
    assert (ablative(value), dative(value), possessive(value), with_suffix(value, "genitive")) == (abl, dat, poss, gen)


def test_words_take_the_suffix_directly_abbreviations_after_a_hyphen():
    assert with_suffix("Aygün Həsənova", "copula") == "Aygün Həsənovadır"
    assert with_suffix("Rəşad Quliyev", "copula") == "Rəşad Quliyevdir"
    assert with_suffix("Orxan Bünyadzadə", "copula") == "Orxan Bünyadzadədir"
    assert with_suffix("Ömər Köçərli", "copula") == "Ömər Köçərlidir"
    assert locative("ASAN") == "ASAN-da" and locative("SMS") == "SMS-də"
    assert spoken_last_word(0) == "sıfır" and spoken_last_word(2_000_000) == "milyon"


def test_the_helper_is_used_only_for_azerbaijani(app):
    from flask_babel import force_locale

    from umid_events.i18n import az_suffix

    template = app.jinja_env.from_string("{{ _('The button opens at %(time)s, %(n)d minutes before the start.', "
                                         "time='14:45'|az_locative, n=15) }}")
    with app.test_request_context():
        with force_locale("az"):
            assert template.render() == "Düymə saat 14:45-də, başlamazdan 15 dəqiqə əvvəl açılır."
            assert az_suffix(2, "possessive") == "2-si"
        with force_locale("en"):
            assert template.render() == "The button opens at 14:45, 15 minutes before the start."
            assert az_suffix(2, "possessive") == "2"


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
