"""The programme dashboard: every promise beside its result, and the donor's reports."""
