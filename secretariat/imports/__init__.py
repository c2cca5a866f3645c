"""Importing the secretariat's legacy documents (Meeting Headlines, Panel reports) into records."""
