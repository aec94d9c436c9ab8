"""WSGI entry point for gunicorn: settings from PORTAL_* environment variables."""

from portal.app import create_app
from portal.config import load_settings

app = create_app(load_settings())
