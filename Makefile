# CLU reporting pipeline — a thin layer over `python -m pipeline …` (see README.md).
# `make help` lists the targets. On first use, the targets create .venv and install everything.
# Tools are run as `$(PY) -m tool`, never by .venv/bin's scripts (whose first line names the
# folder the environment was made in: a copied folder would run the original's).

.DEFAULT_GOAL := help
SHELL := /bin/bash

PERIOD ?= 2022
CONFIG ?= config/prefecture.yaml
TEMPLATE ?=
PYTHON ?= $(shell command -v python3.11 || command -v python3)

VENV := .venv
PY := $(VENV)/bin/python
# (a new name: an environment made when the package was installed « editable » is made again)
INSTALLED := $(VENV)/.installed-self-contained
TEMPLATE_ARG := $(if $(TEMPLATE),--template "$(TEMPLATE)",)
RUN := $(PY) -m pipeline
# Freshness is judged by the command line, by content (inputs' digests, not dates): Make only
# forwards, so `make` and `python -m pipeline` keep one rule and nothing stale is « à jour ».

## help: liste des cibles (ce message)
.PHONY: help
help:
	@echo "Cibles (variables : PERIOD=$(PERIOD), CONFIG=$(CONFIG), TEMPLATE=chemin/modele.pptx) :"
	@grep -E '^## ' $(MAKEFILE_LIST) | sed -e 's/^## /  make /' -e 's/: /\t/' | expand -t 28

$(INSTALLED): pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.11 introuvable : installez-le puis relancez."; exit 1; }
	@echo "Installation de l'environnement dans $(VENV) (première utilisation, environ une minute)…"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv 2>&1 | grep -v "local index\|is ignored" || true
	$(VENV)/bin/uv pip install --python $(PY) --quiet --compile-bytecode -r requirements.lock
	@# Optional grammar pulled in by jupyter-events: ~1 s off every notebook start without it.
	$(VENV)/bin/uv pip uninstall --python $(PY) --quiet rfc3987-syntax 2>/dev/null || true
	@# The project is not installed into .venv (an installed package names this folder: a copy
	@# would run and write into the original); a .pth file with a RELATIVE line puts this folder
	@# on the environment's path, so a copied or moved folder runs its own code.
	$(VENV)/bin/uv pip uninstall --python $(PY) --quiet clu-pipeline 2>/dev/null || true
	@$(PY) -m pipeline.core.install
	@$(PY) -m compileall -q pipeline >/dev/null  # (the package's bytecode too)
	@touch $@

## install: crée .venv et installe les dépendances verrouillées (fait seul à la première utilisation)
.PHONY: install
install: $(INSTALLED)

## clu-deck: toute la chaîne pour PERIOD : données → indicateurs → enquête → diaporama, compte rendu, affiche Transparence (HTML) et données ouvertes
.PHONY: clu-deck
clu-deck: $(INSTALLED)
	@$(RUN) clu-deck --period "$(PERIOD)" --config "$(CONFIG)" $(TEMPLATE_ARG)

## ingest: lecture et contrôle des données brutes seulement (quarantaine, comptes de lignes)
.PHONY: ingest
ingest: $(INSTALLED)
	@$(RUN) ingest --period "$(PERIOD)" --config "$(CONFIG)"

## survey: le rapport annuel de l'enquête de satisfaction (HTML et classeur Excel) pour PERIOD
.PHONY: survey
survey: $(INSTALLED)
	@$(RUN) survey --period "$(PERIOD)" --config "$(CONFIG)"

## indicators: les indicateurs qualité et le tableau de bord (Excel) pour PERIOD
.PHONY: indicators
indicators: $(INSTALLED)
	@$(RUN) indicators --period "$(PERIOD)" --config "$(CONFIG)"

## transparence: l'affiche Transparence de PERIOD (QUARTER=1…4, SERVICE="…") en HTML, PDF et PNG, et resultats_PERIOD.csv
.PHONY: transparence
transparence: $(INSTALLED)
	@$(RUN) transparence --period "$(PERIOD)" --config "$(CONFIG)" $(if $(QUARTER),--trimestre "$(QUARTER)",) $(if $(SERVICE),--service "$(SERVICE)",)

## minutes: le projet de compte rendu (HTML et Markdown) pour PERIOD
.PHONY: minutes
minutes: $(INSTALLED)
	@$(RUN) minutes --period "$(PERIOD)" --config "$(CONFIG)"

## pdf: toute la chaîne, puis les copies PDF du diaporama, du compte rendu (LibreOffice) et du rapport d'enquête (WeasyPrint)
.PHONY: pdf
pdf: $(INSTALLED)
	@$(RUN) pdf --period "$(PERIOD)" --config "$(CONFIG)" $(TEMPLATE_ARG)

## test: lance les tests du quotidien (pytest ; sans les impressions ni la galerie : make test-complet)
.PHONY: test
test: $(INSTALLED)
	@# The package's and the tests' bytecode written ahead (PYTHONDONTWRITEBYTECODE=1 would have
	@# each of the suite's twenty processes compile them again): only what changed is compiled.
	@$(PY) -m compileall -q pipeline tests >/dev/null
	$(PY) -m pytest -m "not complete"

## test-complet: les tests plus lents que lance aussi l'intégration continue : impressions (LibreOffice, WeasyPrint, poppler) et galerie de préfectures
.PHONY: test-complet
test-complet: $(INSTALLED)
	@$(PY) -m compileall -q pipeline tests >/dev/null
	$(PY) -m pytest -m complete

## lint: contrôle du style du code (ruff)
.PHONY: lint
lint: $(INSTALLED)
	$(VENV)/bin/ruff check pipeline tests benchmarks
	$(VENV)/bin/ruff format --check pipeline tests benchmarks

## lab: JupyterLab à la racine du projet, ouvert sur notebooks/ (LAB_ARGS="--no-browser --port=8890" : options de JupyterLab)
.PHONY: lab
LAB_ARGS ?=
lab: $(INSTALLED)
	@# Outputs (verbatims, complaint texts) never reach git: nbstripout cleans notebooks on
	@# commit, cell ids kept; --allow-root when run as root (see pipeline/tooling/lab.py).
	@$(PY) -m pipeline.tooling.lab $(LAB_ARGS)

## sync-notebooks: resynchronise chaque notebook et son .py (jupytext) après modification
.PHONY: sync-notebooks
sync-notebooks: $(INSTALLED)
	$(PY) -m jupytext --sync notebooks/*.ipynb

## sample: régénère l'échantillon fictif de data/raw (déterministe)
.PHONY: sample
sample: $(INSTALLED)
	$(RUN) sample

## docs: régénère docs/data-contract.md et les modèles Excel vierges depuis le contrat
.PHONY: docs
docs: $(INSTALLED)
	$(RUN) contract-doc
	$(RUN) templates

## benchmark: banc d'essai (moteurs, ingestion, étapes, série 10 k / 100 k / 1 M lignes) ; TAILLES=10000,100000 pour une série courte
.PHONY: benchmark
TAILLES ?= 10000,100000,1000000
benchmark: $(INSTALLED)
	$(PY) benchmarks/bench.py --tailles $(TAILLES)

## clean: supprime les fichiers produits (data/processed, output) ; garde .venv
.PHONY: clean
clean:
	find data/processed output -mindepth 1 -not -name .gitkeep -not -name README.md -delete

## distclean: clean, puis supprime .venv
.PHONY: distclean
distclean: clean
	rm -rf $(VENV)
