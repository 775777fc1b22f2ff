"""The audit log: who viewed or exported personal data, issued dossiers and re-routed proposals."""
