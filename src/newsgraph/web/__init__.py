"""The web UI and JSON API over a knowledge base (`newsgraph serve`)."""

from newsgraph.web.app import create_app

__all__ = ["create_app"]
