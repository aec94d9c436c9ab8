"""Usage statistics from access logs: monthly page views, downloads and API requests per
dataset, with no IP address or user agent kept (docs/usage.md)."""
