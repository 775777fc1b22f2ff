"""Attendance: reading the platforms' reports and matching them to registrations."""
