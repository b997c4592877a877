"""Views of the meetings app, one module per page family; `meetings/urls.py` imports the modules."""
