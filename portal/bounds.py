"""Japan's coordinate box, shared by the geographic checks (portal/geo/checks.py) and the
coordinate rule of validation (portal/validate/rules/coordinates.py), which both sit above it.
"""

# Generous box around Japan's territory: Okinotorishima ~20.4N, Etorofu ~45.6N,
# Yonaguni ~122.9E, Minamitorishima ~154.0E.
BOUNDS = {"lat": (20.0, 46.0), "lon": (122.0, 154.0)}
