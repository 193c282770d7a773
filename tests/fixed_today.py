"""The fixed "today" of the test servers, so answers about elapsed time are stable. A module of
its own: `from conftest import ...` finds whichever conftest.py pytest imported first."""

TEST_TODAY = "2026-11-22"
