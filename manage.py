#!/usr/bin/env python
"""Django's manage.py, kept for habit; the ``guichet`` command does the same."""

from guichet.__main__ import main

if __name__ == "__main__":
    main()
