# The two commands of the README: `make run` and `make test`. Both create
# .venv themselves; nothing else needs to be installed but Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app app
TRANSLATIONS := toolbox/translations

.PHONY: run run-sso test lint format translations messages bench clean

# The versions production installs (deploy/requirements.lock, its hashes left
# out: pip cannot check an editable install's): the app and the tests run on them.
CONSTRAINTS := $(VENV)/constraints.txt

$(VENV)/.installed: pyproject.toml deploy/requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	grep -E '^[A-Za-z0-9_.-]+==' deploy/requirements.lock | sed 's/ *\\$$//' > $(CONSTRAINTS)
	$(BIN)/pip install --quiet --constraint $(CONSTRAINTS) --editable .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet --constraint $(CONSTRAINTS) --editable '.[test]'
	touch $@

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy --directory $(TRANSLATIONS) --domain messages > /dev/null

# After changing user-facing text: refresh the catalogues, then translate the new entries.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract --mapping-file babel.cfg --keywords _l --output-file $(TRANSLATIONS)/messages.pot --project Verktygsladan --no-location --sort-output .
	$(BIN)/pybabel update --input-file $(TRANSLATIONS)/messages.pot --output-dir $(TRANSLATIONS) --no-fuzzy-matching --ignore-obsolete

run: $(VENV)/.installed translations
	$(FLASK) db upgrade
	$(FLASK) load-content
	$(FLASK) seed-demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

# `make run` with single sign-on: the local OpenID provider of the tests
# (tests/sso/provider, node oidc-provider; needs Node.js 20+ and npm) on port
# $(SSO_PORT) beside the portal. Open http://127.0.0.1:$(PORT)/login and choose
# "Logga in med regionens inloggning"; the test users and their passwords are in
# tests/sso/provider/users.json (anna.chef / anna-lösen is a manager).
SSO_PORT ?= 9010
PROVIDER := tests/sso/provider
SSO_ENV := TOOLBOX_OIDC_ISSUER=http://127.0.0.1:$(SSO_PORT) \
	TOOLBOX_OIDC_CLIENT_ID=verktygsladan TOOLBOX_OIDC_CLIENT_SECRET=lokal-hemlighet \
	TOOLBOX_OIDC_ROLE_GROUPS='{"chef": ["GRP-Verktygslada-Chef"], "hr": ["GRP-Verktygslada-HR"]}' \
	TOOLBOX_OIDC_UNIT_CLAIM=unit_code TOOLBOX_OIDC_CREATE_USERS=1

$(PROVIDER)/node_modules/.package-lock.json: $(PROVIDER)/package-lock.json
	npm ci --no-audit --no-fund --prefix $(PROVIDER)

run-sso: $(VENV)/.installed translations $(PROVIDER)/node_modules/.package-lock.json
	$(FLASK) db upgrade
	$(FLASK) load-content
	$(FLASK) seed-demo
	OIDC_PORT=$(SSO_PORT) OIDC_PORTAL=http://127.0.0.1:$(PORT) node $(PROVIDER)/server.mjs & \
	provider=$$!; trap 'kill $$provider' EXIT INT TERM; \
	$(SSO_ENV) $(FLASK) run --host 127.0.0.1 --port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .

test: $(VENV)/.installed-test translations lint
	$(BIN)/pytest

# The benchmark (bench/README.md): issue 9's key pages and issue 17's realistic mix (50
# managers and leadership on about 1,500 addresses, then 5 % posts). Needs wrk, installed here
# as root where apt-get is (otherwise: apt-get install wrk); PostgreSQL too, with two app
# instances for the mix, when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set. Writes
# bench/RESULTS.md.
bench: $(VENV)/.installed-test translations
	@command -v wrk >/dev/null || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null || \
	  { echo "== installing wrk (Debian package)"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
