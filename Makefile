# The two commands from the README: `make run` and `make test`. The others are their steps
# and developer checks; `make` alone lists them (the `## ` comment after each target).
.PHONY: help run test test-fast lint setup train shell bench forget report
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
run: ## Set up, train if needed, then serve the web page, the Rasa server and the action server
	bash scripts/run.sh
test: ## The whole test suite (sets up, trains if needed; about 45 minutes)
	bash scripts/test.sh
test-fast: ## The tests that need no trained model, server or browser (under a minute)
	bash scripts/setup.sh
	.venv/bin/python -m pytest -q -m "not model and not server and not browser"
lint: ## ruff check, ruff format --check and mypy (all three run; fails if any fails)
	bash scripts/setup.sh
	@status=0; \
	.venv/bin/ruff check . || status=1; \
	.venv/bin/ruff format --check . || status=1; \
	.venv/bin/mypy || status=1; \
	exit $$status
setup: ## Install what the assistant needs (scripts/setup.sh)
	bash scripts/setup.sh
train: ## Train models/assistant.tar.gz when the data, domain or config changed
	bash scripts/train.sh
shell: ## rasa shell for clinic staff, beside a running `make run` or on its own
	bash scripts/shell.sh
bench: ## Measure throughput and latency (docs/performance.md)
	bash scripts/bench.sh
forget: ## Delete conversations older than retention_days (clinic/privacy.yml); schedule it daily
	SQLALCHEMY_SILENCE_UBER_WARNING=1 .venv/bin/python -m ops.forget_old_conversations
report: ## The review report for staff: results/review-report.html (DAYS=, OUT= to change)
	SQLALCHEMY_SILENCE_UBER_WARNING=1 .venv/bin/python -m review $(if $(DAYS),--days $(DAYS)) $(if $(OUT),--output $(OUT))
