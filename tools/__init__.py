"""Developer tools: benchmarks, the held-out NLU evaluation and comparisons (python -m tools.<name>)."""
