# The two commands from the README: `make run` and `make test`. The others are their steps.
.PHONY: run test setup train shell bench forget report
run:
	bash scripts/run.sh
test:
	bash scripts/test.sh
setup:
	bash scripts/setup.sh
train:
	bash scripts/train.sh
shell:
	bash scripts/shell.sh
bench:
	bash scripts/bench.sh
# Deletes conversations older than retention_days (clinic/privacy.yml); schedule it daily.
forget:
	SQLALCHEMY_SILENCE_UBER_WARNING=1 .venv/bin/python -m ops.forget_old_conversations
# The review report for staff (README, "Reviewing what patients ask"): results/review-report.html.
report:
	SQLALCHEMY_SILENCE_UBER_WARNING=1 .venv/bin/python -m review $(if $(DAYS),--days $(DAYS)) $(if $(OUT),--output $(OUT))
