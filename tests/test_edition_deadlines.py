"""The deadlines of an edition: the home page shows the next one still ahead."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from home.edition import ConferenceSettings


def settings_with(**deadlines):
    return ConferenceSettings(name="Example 2027", **deadlines)


def test_the_next_deadline_is_the_first_on_or_after_today():
    conference = settings_with(
        cfp_deadline=date(2027, 3, 1),
        grants_deadline=date(2027, 5, 1),
        tickets_deadline=date(2027, 9, 1),
    )

    assert conference.next_deadline(date(2027, 1, 1)) == (
        "The call for proposals closes",
        date(2027, 3, 1),
    )
    assert conference.next_deadline(date(2027, 3, 1))[1] == date(2027, 3, 1)
    assert conference.next_deadline(date(2027, 3, 2)) == (
        "Opportunity grant applications close",
        date(2027, 5, 1),
    )
    assert conference.next_deadline(date(2027, 9, 2)) is None


def test_no_deadline_given_means_none_ahead():
    assert settings_with().next_deadline(date(2027, 1, 1)) is None


@pytest.mark.parametrize("value", ["green", "#0b5d3", "0b5d3b", "#0b5d3bff", "#gggggg"])
def test_a_colour_must_be_six_hex_digits(value):
    with pytest.raises(ValidationError) as raised:
        settings_with(accent_colour=value).full_clean(exclude=["site"])
    assert "accent_colour" in raised.value.message_dict
