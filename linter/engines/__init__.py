"""Engines that run the same rules beyond one process pool (see linter.runner for local runs)."""
