"""Azerbaijani translations by feature: each module here defines an ``AZ`` dict.

`tools/az_translations.py` merges them with its own table; a msgid defined twice with different
translations is an error, so two features cannot silently disagree.
"""
