"""Benchmarks: each prints our figure, a baseline's from the same run, and the ratio."""
