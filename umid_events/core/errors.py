"""The base class for rule violations that a view turns into a message for the user."""


class DomainError(Exception):
    """A business rule refused the action; ``str(error)`` is a translated, user-facing message."""
