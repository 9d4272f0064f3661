# The two commands of README.md: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
PORT ?= 8000
# Development defaults (embedded): SQLite under var/, Celery eager, e-mail to var/mail/;
# links in e-mails lead to the port served here, unless SITE_URL is set.
RUN_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-true} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)}

.PHONY: run test install lint migrate demo worker beat bench messages backup restore clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"

# Reinstalled only when the lock changes, so a second `make run` starts in seconds.
$(VENV)/.installed: requirements-dev.lock | $(BIN)/uv
	VIRTUAL_ENV=$(VENV) $(BIN)/uv pip sync --quiet --python $(BIN)/python requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# The Nu Html Checker for the HTML validity test, pinned by package-lock.json. Its install
# script would download a JDK: skipped, the test runs the system's Java (default-jre-headless).
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

migrate: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	# The open data archive of the demo (/donnees/), as beat writes it every night.
	$(RUN_ENV) $(BIN)/python manage.py export_opendata --no-progress

run: demo
	@echo ""
	@echo "  Concertation e-santé : http://127.0.0.1:$(PORT)/"
	@echo ""
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install lint node_modules/.installed
	$(RUN_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n 2 --dist worksteal --durations=25

worker: install
	DJANGO_SETTINGS_MODULE=esante.settings.development $(RUN_ENV) $(BIN)/celery -A esante worker --loglevel=info

beat: install
	DJANGO_SETTINGS_MODULE=esante.settings.development $(RUN_ENV) $(BIN)/celery -A esante beat --loglevel=info

# Interface translations (needs GNU gettext): the French msgids go to locale/en/.../django.po;
# translate there, then this compiles the .mo, which is committed so `make run` needs no gettext.
# locale/fr is generated (french_plurals): the plural messages with the French rule, 0 singular.
messages: install
	$(RUN_ENV) $(BIN)/python manage.py makemessages -l en --no-obsolete --add-location=file \
		--ignore=".venv/*" --ignore="var/*" --ignore="tests/*" --ignore="node_modules/*"
	$(RUN_ENV) $(BIN)/python manage.py french_plurals
	$(RUN_ENV) $(BIN)/python manage.py compilemessages -l en -l fr --ignore=".venv"

# Benchmark (not a test), README « Performances »: a throwaway PostgreSQL database filled at
# national scale, the site under gunicorn + Redis, wrk against each page, its floor and nginx,
# 20 concurrent writers, the digests' rate (tests/bench/bench_digests.py); writes bench/results/
# and the README's table. BENCH_SCALE=0.02 for a quick run. nginx and wrk come from apt-get.
bench: install
	@if ! command -v wrk >/dev/null || ! { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk; \
		else echo "make bench: nginx and wrk are needed: sudo apt-get install -y nginx wrk"; exit 2; fi; \
	fi
	$(BIN)/python bench/run.py $(if $(BENCH_SCALE),--scale $(BENCH_SCALE))

# Backups (README « Sauvegarde et restauration »): the database of DATABASE_URL (the SQLite file
# under var/ when unset) to var/backups/, or OUTPUT=file; restore with DUMP=file INTO=new_database
# (a new PostgreSQL database on DATABASE_URL's server, or a new SQLite file), REPLACE=1 to
# overwrite one that exists. Standard library scripts: no virtualenv needed on a database host.
backup:
	$(PYTHON) bin/backup_db.py $(if $(OUTPUT),--output "$(OUTPUT)")

restore:
	@test -n "$(DUMP)" -a -n "$(INTO)" || { echo "make restore DUMP=var/backups/<fichier> INTO=<nouvelle base>"; exit 2; }
	$(PYTHON) bin/restore_db.py "$(DUMP)" --into "$(INTO)" $(if $(REPLACE),--replace)

clean:
	rm -rf $(VENV) var node_modules
