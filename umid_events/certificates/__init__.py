"""Certificates of participation: a one-page PDF per present participant, checked by a QR code."""
