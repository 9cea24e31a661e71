"""Learned components that sit on top of the rule coder: they read the parse and the rules'
own guesses as features, and are trained on newsgraph-gold (scripts/train_coder.py)."""
