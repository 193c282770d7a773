# The two commands from the README: `make run` and `make test`. The others are their steps.
.PHONY: run test setup train shell bench
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
