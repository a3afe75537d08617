"""The provider space (/espace/) and the Region's review queue (/espace/moderation/)."""
