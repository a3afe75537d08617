"""Synthetic catalogues for load tests (``guichet generate``).

Realistic French organisations and entries, composed from word lists (``words``) and the
catalogue's taxonomy, placed in the real communes of the database (drawn by population),
with Luhn-valid SIREN/SIRET numbers (``identifiers``). Every row is flagged
``is_synthetic`` and every organisation's name ends with "(fictif)".

- ``world``: the seed, the day of reference, the communes; one random generator per row;
- ``organisations``, ``solutions``, ``trainings``, ``schemes``, ``events``: one row each;
- ``generator.synthetic_generate``: writes them in batches, idempotently for a seed.
"""
