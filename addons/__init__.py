"""Rasa plug-ins (NLU component, tracker store, channel). Kept apart from `bot/`, which
must import without Rasa; these modules only adapt `bot/` logic to Rasa's interfaces."""
