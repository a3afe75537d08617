"""Test helpers shared by every app: pytest plugins registered from guichet/conftest.py."""
