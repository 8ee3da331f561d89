# Everyday commands. `make run` and `make test` install everything they need on a fresh machine.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
OUT     ?= out
APT_PKGS := libreoffice-writer-nogui python3-uno fonts-liberation fonts-liberation2 \
            fonts-crosextra-carlito fonts-dejavu-core fonts-noto-color-emoji poppler-utils chromium

.PHONY: run test system golden templates bench lint clean

run: system $(STAMP)
	$(BIN)/docgen contoh -o $(OUT)
	$(BIN)/docgen web siapkan
	$(BIN)/docgen web jalankan

test: system $(STAMP)
	$(BIN)/pytest -q

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

## Rebuild templates_docx/*.docx from tools/build_templates.py (overwrites hand edits).
templates: $(STAMP)
	$(BIN)/python tools/build_templates.py

bench: system $(STAMP)
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_lkjip.py
	$(BIN)/python bench/bench_berkas.py

lint: $(STAMP)
	$(BIN)/ruff check docgen tests tools bench

clean:
	rm -rf $(OUT) .pytest_cache test-output
