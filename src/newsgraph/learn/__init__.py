"""Learned components that sit on top of the rule coder, the event tagger and the side ranker:
they read the parse and the rules' own guesses as features, and are trained on newsgraph-gold
(scripts/train_coder.py, scripts/train_sides.py)."""
