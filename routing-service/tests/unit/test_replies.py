"""Templates fill only the placeholders they offer, in the customer's language; notices carry no personal data."""

import pytest

from routing.replies.rendering import BadTemplate, language_for, placeholders_in, render, script_of, summary
from routing.replies.standard import LANGUAGES, PLACEHOLDERS, STANDARD_TEMPLATES


def test_every_standard_template_exists_in_three_languages_and_uses_only_its_placeholders():
    for purpose, languages in STANDARD_TEMPLATES.items():
        assert set(languages) == set(LANGUAGES), purpose
        for body in languages.values():
            assert placeholders_in(body) <= set(PLACEHOLDERS[purpose]), (purpose, body)


def test_acknowledgement_names_the_feedback_number_and_expected_time():
    text = render(STANDARD_TEMPLATES["acknowledgement"]["zh-Hant"],
                  {"feedback_number": "FB-20261123-000001", "expected_completion": "2026-11-23 18:00"})
    assert "FB-20261123-000001" in text and "2026-11-23 18:00" in text and "{" not in text


def test_a_placeholder_with_format_or_index_is_refused():
    with pytest.raises(BadTemplate):
        placeholders_in("{feedback_number!r}")
    with pytest.raises(BadTemplate):
        placeholders_in("{customer.name}")
    with pytest.raises(BadTemplate):
        placeholders_in("{unclosed")


@pytest.mark.parametrize(("requested", "case_language", "calendar", "expected"), [
    ("en", "zh-CN", "HK", "en"),
    (None, "zh-CN", "HK", "zh-Hans"),
    (None, "zh-HK", "CN", "zh-Hant"),
    (None, None, "HK", "zh-Hant"),
    (None, None, "CN", "zh-Hans"),
    (None, "fr", None, "zh-Hant"),
])
def test_the_language_is_the_one_asked_else_the_feedback_s_else_the_store_s(requested, case_language, calendar, expected):
    assert language_for(requested=requested, case_language=case_language, store_calendar=calendar,
                        default="zh-Hant") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("買的鮮奶打開已經發臭", "zh-Hant"), ("买的鲜奶打开已经发臭", "zh-Hans"), ("The milk was sour", "en"), ("12345", None),
])
def test_the_script_the_customer_wrote_in_decides_the_reply_s_language(text, expected):
    assert script_of(text) == expected
    if expected:
        assert language_for(requested=None, case_language=None, store_calendar="CN", default="zh-Hant",
                            text=text) == expected


def test_a_summary_is_labels_and_theme_words_never_a_phone_or_e_mail():
    text = summary(language="zh-Hant", category="service", subcategory="attitude", kind="complaint",
                   theme_words=["態度", "13812345678", "someone@example.com"])
    assert "投訴" in text and "態度" in text
    assert "1381234" not in text and "example.com" not in text
