"""Reads of the meetings app that span several models (page data, matrices)."""
