# Sawt — every set-up step a fresh Debian machine (Python 3.11, root) needs, and nothing by hand.
#   make run    build everything and serve it on the embedded default at http://127.0.0.1:$(PORT)
#   make test   install what the tests need (venv, packages, Chromium, axe-core, pa11y) and run the suite

PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export PORT
STAMP  := $(VENV)/.installed-dev
DEPLOY_STAMP := .venv-deploy/.installed
export SAWT_DATA_DIR ?= $(CURDIR)/data
export SAWT_SITE_DIR ?= $(CURDIR)/build/site

DEMO_DIR ?= $(CURDIR)/data-demo

demo-reset: ## delete the demonstration's data directory (DEMO_DIR, ./data-demo): only it, knowingly
	test -f $(DEMO_DIR)/.sawt-demo || (echo "$(DEMO_DIR) is not a demonstration's directory" && exit 2)
	rm -rf $(DEMO_DIR)

.PHONY: demo demo-reset backup restore retention retention-dry-run service-tools ocr api-lint run test build catalogs site venv chromium axe lint format provision lock clean serve bench staff posters package deploy

run: build ## build the site and serve everything on one origin
	@echo "Sawt on http://127.0.0.1:$(PORT)  (data in $(SAWT_DATA_DIR); Ctrl-C to stop)"
	$(BIN)/gunicorn --config scripts/gunicorn_conf.py --bind 127.0.0.1:$(PORT) 'functions.local_server:create_server()'

demo: venv catalogs ## a demonstration service: ~100 fictional files, staff accounts printed (never your data)
	SAWT_DEMO=true $(BIN)/python scripts/build_site.py $(CURDIR)/build/demo-site
	SAWT_DEMO=true SAWT_DATA_DIR=$(DEMO_DIR) SAWT_SITE_ORIGIN=$${SAWT_SITE_ORIGIN:-http://127.0.0.1:$(PORT)} \
		$(BIN)/python scripts/demo_service.py seed
	@echo "Sawt DEMONSTRATION on http://127.0.0.1:$(PORT)  (data in $(DEMO_DIR); Ctrl-C to stop)"
	SAWT_DEMO=true SAWT_DATA_DIR=$(DEMO_DIR) SAWT_SITE_DIR=$(CURDIR)/build/demo-site \
		$(BIN)/gunicorn --config scripts/gunicorn_conf.py --bind 127.0.0.1:$(PORT) 'functions.local_server:create_server()'

test: venv chromium axe service-tools api-lint ocr build $(DEPLOY_STAMP) ## everything the suite needs, then the whole suite
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -p no:cacheprovider

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

chromium: ## Debian's Chromium for the browser tests and the posters' PDFs, the posters' fonts, poppler (PDF to PNG)
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	@(command -v pdftoppm >/dev/null && test -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf) || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils fonts-dejavu-core >/dev/null)

ocr: ## Debian's Tesseract (French, Arabic) and the Noto fonts the document benchmark prints with (scripts/bench/documents.py)
	@(command -v tesseract >/dev/null && test -f /usr/share/tesseract-ocr/5/tessdata/ara.traineddata && test -f /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf) || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-fra tesseract-ocr-ara fonts-noto-core >/dev/null)

service-tools: ## Debian's systemd-analyze and Caddy, which check the unit and the proxy example in deploy/
	@(command -v systemd-analyze && command -v caddy) >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq systemd caddy >/dev/null)

axe: tools/node_modules/axe-core/axe.min.js

# axe-core, and pa11y (HTML_CodeSniffer) run in Debian's Chromium: puppeteer downloads no browser.
tools/node_modules/axe-core/axe.min.js: tools/package.json tools/package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tools --no-audit --no-fund --silent
	touch $@

api-lint: tools/api-lint/node_modules/.bin/redocly ## the second linter of the API document (tests/test_openapi.py)

# Its own folder and lock: tools/package.json is the browser tools' (docs/api.md).
tools/api-lint/node_modules/.bin/redocly: tools/api-lint/package.json tools/api-lint/package-lock.json
	npm ci --prefix tools/api-lint --no-audit --no-fund --silent
	touch $@

catalogs: venv ## compile the gettext catalogs the apps load
	$(BIN)/python scripts/i18n.py compile

build: venv catalogs ## the static site into build/site
	$(BIN)/python scripts/build_site.py

provision: venv ## create DynamoDB tables and the S3 bucket wherever boto3 points (idempotent)
	$(BIN)/python scripts/provision.py

$(DEPLOY_STAMP): pyproject.toml constraints.txt
	test -x .venv-deploy/bin/python || $(PYTHON) -m venv .venv-deploy
	# Runtime packages and Zappa only: this venv is what goes into the Lambda zips.
	.venv-deploy/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt \
		$$($(BIN)/python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print(' '.join(p['dependencies'] + p['optional-dependencies']['aws'] + p['optional-dependencies']['deploy']))")
	touch $@

package: venv catalogs $(DEPLOY_STAMP) ## the Lambda zips of an environment (STAGE, default prod), offline, into dist/
	$(BIN)/python scripts/package_lambdas.py dist --stage "$(or $(STAGE),prod)"

deploy: package build ## deploy both functions and publish the site: make deploy STAGE=prod (docs/deploy.md)
	@test -n "$(STAGE)" || (echo "usage: make deploy STAGE=prod" && exit 2)
	$(BIN)/python scripts/deploy.py --stage "$(STAGE)"

posters: venv catalogs chromium ## QR codes and A4 posters (SVG and PDF) for every partner and language, into build/posters
	$(BIN)/python scripts/posters.py build/posters

staff: venv ## add a staff account: make staff EMAIL=… ROLE=admin|reviewer|delegation|correspondent [DELEGATION=…] [ADMINISTRATION=…] [NAME=…]
	$(BIN)/python scripts/create_staff.py --email "$(EMAIL)" --role "$(ROLE)" --delegation "$(DELEGATION)" --administration "$(ADMINISTRATION)" --name "$(NAME)"

backup: venv ## a consistent copy of SAWT_DATA_DIR while it runs: make backup TO=/backup/sawt.tar.gz (or a folder)
	@test -n "$(TO)" || (echo "usage: make backup TO=/backup/sawt-$$(date +%F).tar.gz" && exit 2)
	$(BIN)/python scripts/backup.py backup --to "$(TO)"

restore: venv ## a backup back into an empty SAWT_DATA_DIR (server stopped): make restore FROM=/backup/sawt.tar.gz
	@test -n "$(FROM)" || (echo "usage: make restore FROM=/backup/sawt.tar.gz" && exit 2)
	$(BIN)/python scripts/backup.py restore --from "$(FROM)"

retention-dry-run: venv ## list the closed files the retention rule would anonymise now (changes nothing)
	$(BIN)/python scripts/retention.py --dry-run

retention: venv ## apply the retention rule now (one server does it itself; AWS: a daily scheduled function)
	$(BIN)/python scripts/retention.py

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock: ## re-pin every Python package after changing pyproject.toml
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e '.[dev]'
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
	rm -rf .venv-lock

# The benchmark's zips are measured, never deployed: a throwaway secret satisfies make package's check.
bench: export SAWT_SECRET_KEY ?= $(shell python3 -c 'import secrets; print(secrets.token_hex(32))')
bench: build package chromium ocr ## every benchmark of docs/performance.md; JSON into build/bench/
	# Lighthouse and GOV.UK Frontend (the reference) are benchmark-only npm packages, pinned.
	npm ci --prefix tools/bench --no-audit --no-fund --silent
	$(BIN)/python scripts/bench/page_weight.py build/site --json build/bench/page-weight.json
	$(BIN)/python scripts/bench/load_time.py --json build/bench/load-time.json
	$(BIN)/python scripts/bench/lighthouse.py --json build/bench/lighthouse.json
	$(BIN)/python scripts/bench/throughput.py --json build/bench/throughput.json
	$(BIN)/python scripts/bench/cold_import.py dist --json build/bench/cold-import.json
	$(BIN)/python scripts/bench/site_build.py --json build/bench/site-build.json
	$(BIN)/python scripts/bench/inbox.py --json build/bench/inbox.json
	$(BIN)/python scripts/bench/documents.py --json build/bench/documents.json

clean:
	rm -rf build .pytest_cache
