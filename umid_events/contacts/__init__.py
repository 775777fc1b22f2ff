"""Contacts: people kept by hand or imported from spreadsheets, and groups of them."""
