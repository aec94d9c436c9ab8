"""Data requests (データ公開要望) sent through /requests/new: checked, limited, kept server-side.

``form`` checks what was typed, ``tokens`` signs the form and names a client by a keyed hash,
``store`` keeps the requests (SQLite in the data directory, or Redis), ``submit`` ties them
together for the page, and ``export`` renders them for `portal requests`.
"""
