"""Small building blocks shared by every feature: column types, text, phones, dates, permissions."""
