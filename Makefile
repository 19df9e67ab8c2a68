# Two commands do everything on a fresh machine with Python 3.11:
#   make run   - set up, load demo data and serve http://127.0.0.1:8000 with gunicorn
#   make test  - set up and run the whole test suite (unit, integration, browser)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
APPS := consultations ibasho participation food_support

.PHONY: run test lint format messages compilemessages check-messages system-deps bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# A local secret and HTTP-friendly settings for running on this machine only.
.env:
	@$(PYTHON) scripts/make_env.py > .env
	@echo "Wrote .env (local settings; not committed)."

run: $(VENV)/.installed .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py load_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/  (staff: http://127.0.0.1:$(PORT)/admin/)"
	$(BIN)/gunicorn welfare_portal.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --no-control-socket

test: $(VENV)/.installed system-deps
	$(BIN)/pytest $(PYTEST_ARGS)

# Browser tests need Debian's chromium and Japanese fonts; install them if missing.
system-deps:
	@bash scripts/ensure_system_deps.sh

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Extract strings into each app's locale/ja and the project's locale/ja.
messages: export SECRET_KEY ?= makemessages-only
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l ja --no-obsolete --ignore='.venv/*' $(foreach app,$(APPS),--ignore='$(app)/*')
	for app in $(APPS); do mkdir -p $$app/locale && (cd $$app && ../$(BIN)/python ../manage.py makemessages -l ja --no-obsolete); done

compilemessages: $(VENV)/.installed
	$(BIN)/django-admin compilemessages --ignore=.venv

# The committed .mo files must match the .po files, with nothing untranslated.
check-messages:
	@bash scripts/check_messages.sh

bench: $(VENV)/.installed
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
