"""Views of the catalogue. Public pages live in ``lists``, ``details`` and ``map``."""
