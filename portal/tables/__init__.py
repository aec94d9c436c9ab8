"""Decoded tables and their cells: the types every reader produces and every layer above reads
(validation, geographic layers, import, publishing). Nothing here imports another package of
the portal."""
