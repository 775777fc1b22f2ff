"""Proposals: collected from participants, recorded live by moderators, routed to authorities."""
