"""Rules of the taxonomy: situations (conventions table), negation, time, kinds, raising rules."""

from routing.classify.rules.judgement import Verdict, judge, raise_urgency
from routing.classify.rules.matching import Hit, find
from routing.classify.rules.situations import SITUATIONS, Situation

__all__ = ["SITUATIONS", "Hit", "Situation", "Verdict", "find", "judge", "raise_urgency"]
