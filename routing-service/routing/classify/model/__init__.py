"""The statistical model (統計模型): TF-IDF features, one linear model per label, portable versions."""

from routing.classify.model.training import DEFAULT_PARAMS, SITUATION, Model, fingerprint, train

__all__ = ["DEFAULT_PARAMS", "SITUATION", "Model", "fingerprint", "train"]
