"""Events: who did what to whom, from the dependency parse and the PLOVER lexicon.

A verb or noun whose lemma the lexicon knows is a trigger. Its source is the subject (the
agent in the passive; inherited along "agreed to ...", "... and then attacked", relative
clauses and "X urged Y to ..."); its target sits in the slot the lexicon names (direct object,
"with", "against" ...). Nominal triggers take the possessor, "by X", a modifier ("Russian
deployment") or the subject of a light verb ("held talks"). Modality comes from negation,
modals, governing verbs ("denied", "threatened", "plans to") and reporting verbs ("X said").

One module per concern: `grammar` (triggers and clauses), `sides`, `modality`, `coding`
(CAMEO codes) and `coder` (the rule coder itself, and `event_at` for the learned tagger).
"""

from newsgraph.annotate.events.coder import event_at, find_events
from newsgraph.annotate.events.modality import modality_of
from newsgraph.annotate.events.sides import doer_unnamed, subject_of

__all__ = ["doer_unnamed", "event_at", "find_events", "modality_of", "subject_of"]
