"""`portal serve`: the portal behind a production WSGI server.

gunicorn on POSIX, with the settings of ``portal/gunicorn_conf.py`` (the file a deployment
passes to ``gunicorn -c``), so ``portal serve`` and a deployment run the same server. Platforms
without ``os.fork`` (Windows) cannot run gunicorn's pre-fork workers; they get waitress, a
pure-Python threaded server. ``dev=True`` runs Flask's development server with its reloader,
for editing code only.
"""

from __future__ import annotations

import os
from typing import Any

from portal.config import Settings


def server_name(dev: bool = False) -> str:
    """Which server ``serve`` runs here."""
    if dev:
        return "flask"
    return "gunicorn" if hasattr(os, "fork") else "waitress"


def serve(settings: Settings, dev: bool = False) -> int:
    name = server_name(dev)
    if name == "flask":
        from portal.app import create_app

        # The reloader, not the in-browser debugger: that runs code for anyone who can reach it.
        create_app(settings).run(host=settings.host, port=settings.port, threaded=True,
                                 debug=True, use_reloader=True, use_debugger=False)
        return 0
    if name == "waitress":
        import waitress

        from portal.app import create_app

        waitress.serve(create_app(settings), host=settings.host, port=settings.port,
                       threads=8 * settings.workers)
        return 0
    _gunicorn(settings).run()
    return 0


def _gunicorn(settings: Settings) -> Any:
    from gunicorn.app.base import BaseApplication

    class PortalApplication(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            # What `gunicorn -c portal/gunicorn_conf.py` reads, then the command's own options.
            from portal import gunicorn_conf

            for key, value in vars(gunicorn_conf).items():
                if key in self.cfg.settings:
                    self.cfg.set(key, value)
            # GUNICORN_CMD_ARGS as gunicorn itself reads it (e.g. --access-logfile FILE); the
            # address and the number of workers are portal serve's own options.
            parsed = self.cfg.parser().parse_args(self.cfg.get_cmd_args_from_env())
            for key, value in vars(parsed).items():
                if value is not None and key.lower() in self.cfg.settings:
                    self.cfg.set(key.lower(), value)
            self.cfg.set("bind", [f"{settings.host}:{settings.port}"])
            self.cfg.set("workers", settings.workers)

        def load(self) -> Any:
            # Called in each worker after the fork: no connection is shared across workers.
            from portal.app import create_app

            return create_app(settings)

    return PortalApplication()
