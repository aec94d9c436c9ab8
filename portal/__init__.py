"""Kanuma City open-data portal: catalog as code, validation, build, site and API."""

__version__ = "0.1.0"
