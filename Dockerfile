# Kanuma open-data portal: the catalog is validated and built into the image; a build directory
# can also be mounted at /srv/portal/build instead.
FROM python:3.11-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /srv/portal
COPY pyproject.toml README.md ./
COPY portal ./portal
RUN pip install --no-compile . && useradd --system --uid 10001 portal

FROM base AS build
COPY catalog.yaml ./
COPY datasets ./datasets
RUN portal validate && portal build --out /srv/portal/build

FROM base
# The whole tree: `build` is a link to build.builds/<id>, kept as a link.
COPY --from=build --chown=portal /srv/portal /srv/portal
ENV PORTAL_BUILD_DIR=/srv/portal/build PORTAL_CACHE_DIR=/tmp/portal-cache PORTAL_HOST=0.0.0.0
USER portal
EXPOSE 8050
HEALTHCHECK --interval=30s --timeout=3s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8050/healthz', timeout=2).status == 200 else 1)"
CMD ["gunicorn", "-c", "portal/gunicorn_conf.py", "portal.wsgi:app"]
