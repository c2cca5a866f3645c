"""The workspace's follow-up, settings, history and papers: their access matrix lives here."""
