"""Guichet IA: a regional one-stop platform for artificial intelligence in small businesses."""
