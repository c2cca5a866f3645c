"""The SEC's bodies as the seeds name them: a fact both the demo and the archive generator
build on."""

from __future__ import annotations

BODIES = [
    # code, name, short name, parent, cadence
    ("PANEL", "SEC Panel", "Panel", None, "monthly"),
    ("SSC", "Security Sub-Committee", "SSC", "PANEL", "twice_monthly"),
    ("SCIRS", "SSC Incident Response Sub-Group", "SCIRS", "SSC", "as_needed"),
    ("OPSG", "Operations Group", "OPSG", "PANEL", "monthly"),
    ("DQSG", "Data Quality Sub-Group", "DQSG", "OPSG", "monthly"),
    ("SMKIPMA", "SMKI Policy Management Authority", "SMKI PMA", "PANEL", "monthly"),
    (
        "TABASC",
        "Technical Architecture and Business Architecture Sub-Committee",
        "TABASC",
        "PANEL",
        "monthly",
    ),
    ("TAG", "Testing Advisory Group", "TAG", "PANEL", "monthly"),
    ("CSC", "Change Sub-Committee", "Change Sub-Committee", "PANEL", "monthly"),
    ("CB", "Change Board", "Change Board", "PANEL", "monthly"),
]
