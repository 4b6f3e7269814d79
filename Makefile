.PHONY: demo test test-fast lint diagram openapi bench messages

demo:        ## set up and run the portal with demo data (SQLite, filesystem broker)
	bin/demo

test:        ## set up and run every test
	bin/test

test-fast:   ## skip the slow tests (real worker, browser) while working
	bin/test -m "not slow"

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/python manage.py makemigrations --check --dry-run

diagram:     ## regenerate docs/state-machine.{dot,png} from the code (the PNG needs Debian's graphviz)
	.venv/bin/python manage.py state_diagram > docs/state-machine.dot
	dot -Tpng -Gdpi=72 docs/state-machine.dot -o docs/state-machine.png

messages:    ## extract code and templates into locale/*/LC_MESSAGES/django.po, add locale/zh_Hans/framework-overrides.po, compile the .mo committed beside them; translate what is new and run again
	.venv/bin/python manage.py makemessages -l zh_Hans -l en --add-location=file --no-obsolete --ignore=.venv --ignore=var --ignore=node_modules --ignore=tests --ignore=bench --ignore='*.egg-info'
	msgcat --use-first -o locale/zh_Hans/LC_MESSAGES/django.po locale/zh_Hans/LC_MESSAGES/django.po locale/zh_Hans/framework-overrides.po
	.venv/bin/python manage.py compilemessages -l zh_Hans -l en --ignore=.venv

openapi:     ## regenerate docs/openapi.yaml from the API's code (validated; a warning fails)
	.venv/bin/python manage.py spectacular --lang en --validate --fail-on-warn --file docs/openapi.yaml

bench:       ## the benchmark of quality.md (bench/README.md): DATABASE_URL (PostgreSQL), REDIS_URL and wrk; one table, non-zero exit when a bar fails; BENCH="--quick" for 10,000 filings
	@command -v wrk >/dev/null || echo "wrk is missing (P3 will say so): apt-get install -y wrk"
	.venv/bin/python -m bench $(BENCH)
