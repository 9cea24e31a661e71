"""The sources of the actor knowledge base, one module each (scripts/build_actor_kb.py)."""
