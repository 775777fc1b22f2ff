"""Azerbaijani for the messages added while hardening uploads against hostile files."""

AZ = {
    "The workbook is too large once unpacked (more than %(mb)d MB). Save it as CSV and upload that file.":
        "Excel faylı açıldıqda çox böyükdür (%(mb)d MB-dan çox). Onu CSV kimi saxlayın və həmin faylı yükləyin.",
}
