"""The language tag a document declares, so that Word, PDF readers and screen readers know it.

Documents are written in the service's two languages. Azerbaijani is tagged ``az-Latn-AZ``
(the tag Word lists as "Azerbaijani (Latin, Azerbaijan)" and spell-checks with the Azerbaijani
proofing tools); English as ``en-GB``, the spelling the English texts use.
"""

from __future__ import annotations

LANGUAGE_TAGS = {"az": "az-Latn-AZ", "en": "en-GB"}
DEFAULT_LANGUAGE = "az"


def language_tag(lang: str | None) -> str:
    """``"az"`` → ``"az-Latn-AZ"``; a language the service does not write → Azerbaijani's tag."""
    return LANGUAGE_TAGS.get((lang or "").split("-")[0].split("_")[0].lower(),
                             LANGUAGE_TAGS[DEFAULT_LANGUAGE])
