"""Reading feedback text (文本): one script and spelling, then words."""

from routing.classify.text.normalise import normalise
from routing.classify.text.segment import retail_words, words

__all__ = ["normalise", "retail_words", "words"]
