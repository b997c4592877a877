"""Writes of the meetings app, one module per part of the domain (`<noun>_<verb>`, keyword-only, atomic)."""
