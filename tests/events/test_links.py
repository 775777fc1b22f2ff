"""Meeting links: the platform is recognised, the meeting ID pulled out, bad links refused."""

import pytest

from umid_events.events.kinds import Platform
from umid_events.events.links import InvalidMeetingUrl, new_jitsi_room, recognise_meeting


@pytest.mark.parametrize(("url", "platform", "meeting_id", "passcode"), [
    ("https://us02web.zoom.us/j/81234567890?pwd=abc", Platform.ZOOM, "812 3456 7890", None),
    ("https://zoom.us/j/1234567890", Platform.ZOOM, "123 456 7890", None),
    ("https://zoom.us/my/umid.ngo", Platform.ZOOM, None, None),
    ("https://meet.google.com/abc-defg-hij", Platform.MEET, "abc-defg-hij", None),
    ("https://teams.live.com/meet/9312345678901?p=Xy12ab", Platform.TEAMS, "9312345678901", "Xy12ab"),
    ("https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0?context=%7b%7d",
     Platform.TEAMS, None, None),
    ("https://meet.jit.si/Umid-Quba-1", Platform.JITSI, "Umid-Quba-1", None),
    ("https://jitsi.example.az/Room42", Platform.JITSI, "Room42", None),
    ("https://webex.example.com/meet/x", Platform.OTHER, None, None),
])
def test_platform_and_meeting_id_are_recognised(url, platform, meeting_id, passcode):
    link = recognise_meeting(url, jitsi_server="https://jitsi.example.az")
    assert (link.platform, link.meeting_id, link.passcode) == (platform, meeting_id, passcode)
    assert link.url == url


@pytest.mark.parametrize("url", ["zoom.us/j/123", "ftp://zoom.us/j/1", "javascript:alert(1)",
                                 "https:///nohost", "https://zoom.us/j/1 2", "https://x.az/" + "a" * 1000])
def test_links_that_are_not_web_addresses_are_refused(url):
    with pytest.raises(InvalidMeetingUrl):
        recognise_meeting(url)


def test_jitsi_rooms_are_random_and_unguessable():
    rooms = {new_jitsi_room("https://meet.jit.si/").url for _ in range(50)}
    assert len(rooms) == 50
    room = next(iter(rooms))
    assert room.startswith("https://meet.jit.si/Umid-")
    assert len(room.rsplit("/", 1)[1]) >= len("Umid-") + 20
