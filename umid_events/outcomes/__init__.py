"""What the programme changed beyond its sessions: online payments after the trainings,
applications for payment terminals, dialogue platforms."""
