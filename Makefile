# Everyday commands. `make run` and `make test` install everything they need on a fresh machine.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
OUT     ?= out
APT_PKGS := libreoffice-writer-nogui python3-uno fonts-liberation fonts-liberation2 \
            fonts-crosextra-carlito fonts-dejavu-core fonts-noto-color-emoji poppler-utils chromium

# `make run` is for trying the app on this machine: verification links go to http://127.0.0.1:<port> unless
# URL_VERIFIKASI is set (README, Keamanan). DOCGEN_MODE=produksi make run behaves like a deployment.
DOCGEN_MODE ?= pengembangan

# The PostgreSQL server of the second test run (trust authentication for this user on loopback).
PG_UJI  ?= postgresql://postgres@127.0.0.1:5432

.PHONY: run test test-sqlite test-postgresql system postgresql redis golden templates bench bench-load lint clean

run: system $(STAMP)
	$(BIN)/docgen contoh -o $(OUT)
	$(BIN)/docgen web siapkan
	DOCGEN_MODE=$(DOCGEN_MODE) $(BIN)/docgen web jalankan

## The whole suite twice: on SQLite, then on PostgreSQL (one throwaway database docgen_uji_* on the local server).
## Both need Redis for the worker tests (started when it is down); under CI=true a missing service fails the test.
test: test-sqlite test-postgresql

test-sqlite: system redis $(STAMP)
	DOCGEN_UJI_DB=sqlite $(BIN)/pytest -q

test-postgresql: system postgresql redis $(STAMP)
	DOCGEN_UJI_DB=postgresql DOCGEN_UJI_PG=$(PG_UJI) $(BIN)/pytest -q

## A running PostgreSQL on 127.0.0.1:5432: started when it is down, installed with apt-get only when missing (a
## fresh install lets `postgres` in from 127.0.0.1 without a password, for the tests).
postgresql:
	@SUDO=""; [ "$$(id -u)" = "0" ] || SUDO="sudo"; \
	if ! command -v pg_isready >/dev/null 2>&1 || ! pg_isready -q -h 127.0.0.1 -p 5432; then \
	  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$$(ls /etc/postgresql 2>/dev/null)" ]; then \
	    echo "Memasang paket Debian: postgresql"; \
	    $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends postgresql || exit 1; \
	    versi=$$(ls /etc/postgresql | sort -V | tail -n 1); \
	    $$SUDO sed -i '1i host all postgres 127.0.0.1/32 trust' /etc/postgresql/$$versi/main/pg_hba.conf; \
	    $$SUDO pg_ctlcluster --skip-systemctl-redirect $$versi main reload >/dev/null 2>&1 || true; \
	  fi; \
	  versi=$$(ls /etc/postgresql | sort -V | tail -n 1); \
	  echo "Menjalankan PostgreSQL $$versi"; \
	  $$SUDO pg_ctlcluster --skip-systemctl-redirect $$versi main start || true; \
	  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do \
	    pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; \
	  done; \
	fi; \
	if ! pg_isready -q -h 127.0.0.1 -p 5432 || ! psql "$(PG_UJI)/postgres" -Atqc "SELECT 1" >/dev/null; then \
	  echo "Galat: PostgreSQL $(PG_UJI) tidak dapat dihubungi; uji PostgreSQL tidak dapat dijalankan." >&2; \
	  echo "       Jalankan servernya (pg_ctlcluster <versi> main start) dan izinkan pengguna postgres dari" >&2; \
	  echo "       127.0.0.1 tanpa sandi (pg_hba.conf: host all postgres 127.0.0.1/32 trust), atau PG_UJI=..." >&2; \
	  exit 1; \
	fi

## A running Redis on 127.0.0.1:6379 for the queue tests (nothing kept on disk): started when it is down, installed
## with apt-get only when missing.
redis:
	@SUDO=""; [ "$$(id -u)" = "0" ] || SUDO="sudo"; \
	if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then \
	  if ! command -v redis-server >/dev/null 2>&1; then \
	    echo "Memasang paket Debian: redis-server"; \
	    $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends redis-server || exit 1; \
	  fi; \
	  echo "Menjalankan Redis"; \
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp \
	    --logfile /tmp/docgen-redis.log || exit 1; \
	  for i in 1 2 3 4 5 6 7 8 9 10; do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done; \
	fi; \
	if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then \
	  echo "Galat: Redis di 127.0.0.1:6379 tidak dapat dihubungi; uji pekerja antrean tidak dapat dijalankan." >&2; \
	  exit 1; \
	fi

## Debian packages: LibreOffice (no GUI) with its Python bridge, Arial/Calibri-compatible fonts, poppler.
system:
	@missing=""; \
	command -v soffice >/dev/null 2>&1 || missing="yes"; \
	command -v pdftotext >/dev/null 2>&1 || missing="yes"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="yes"; \
	command -v chromium >/dev/null 2>&1 || missing="yes"; \
	/usr/bin/python3 -c "import uno" >/dev/null 2>&1 || missing="yes"; \
	fc-list 2>/dev/null | grep -q "Liberation Sans" || missing="yes"; \
	fc-list 2>/dev/null | grep -q "Carlito" || missing="yes"; \
	fc-list 2>/dev/null | grep -q "DejaVu Sans" || missing="yes"; \
	fc-list 2>/dev/null | grep -q "Noto Color Emoji" || missing="yes"; \
	if [ -n "$$missing" ]; then \
	  echo "Memasang paket Debian: $(APT_PKGS)"; \
	  SUDO=""; [ "$$(id -u)" = "0" ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(APT_PKGS); \
	fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

## Regenerate tests/golden/*.txt from samples/ (review the diff before committing).
golden: system $(STAMP)
	$(BIN)/python -m tests.golden_update

## Rebuild templates_docx/*.docx from their source, the builder in tools/ (review the diff, commit both).
templates: $(STAMP)
	$(BIN)/python tools/build_templates.py

bench: system $(STAMP)
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_lkjip.py
	$(BIN)/python bench/bench_berkas.py
	$(BIN)/python bench/bench_batas_render.py

## Load test of the queue (Redis mode, loopback only): 50 users making PDFs and 10 bundles against 1, 2 and 4
## `docgen worker` processes; needs Redis on 127.0.0.1:6379 (PostgreSQL when it runs, else SQLite); about 4 minutes.
bench-load: system $(STAMP)
	$(BIN)/python bench/load.py

## Checks that can fail: ruff (rules in pyproject.toml), mypy with the pydantic plugin, the import-linter contracts.
lint: $(STAMP)
	$(BIN)/ruff check docgen web tests tools bench
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(OUT) .pytest_cache test-output
