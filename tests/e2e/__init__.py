"""Browser tests (a package, so that its conftest.py does not clash with lessons/conftest.py)."""
