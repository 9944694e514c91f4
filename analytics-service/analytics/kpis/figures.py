"""The arithmetic of every figure, from rollup sums (pure): the definitions the API documents, in code."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from analytics.kpis.schemas import CompositeIndex, Csat, Duration, Figures, Nps, Rate
from analytics.rollups.grains import DURATION_EDGES, HISTOGRAM_BUCKETS

Sums = Mapping[str, int]

# Figures where less is better: SQS scores them as (1 − value).
LOWER_IS_BETTER = frozenset({"repeat_rate", "escalation_rate"})


def rate(numerator: int, denominator: int, target: float | None = None, *, lower_is_better: bool = False) -> Rate:
    value = numerator / denominator if denominator else None
    met = None
    if value is not None and target is not None:
        met = value <= target if lower_is_better else value >= target
    return Rate(value=value, numerator=numerator, denominator=denominator, target=target, target_met=met)


def percentile(histogram: Sequence[int], q: float) -> float | None:
    """The q-quantile of a bucketed distribution, interpolated linearly inside its bucket.

    The last bucket is open (longer than the last edge); a quantile falling there reports that edge.
    """
    total = sum(histogram)
    if total == 0:
        return None
    rank = q * total
    seen = 0
    for i, count in enumerate(histogram):
        if count and seen + count >= rank:
            lower = DURATION_EDGES[i - 1] if i > 0 else 0
            if i >= len(DURATION_EDGES):
                return float(lower)
            upper = DURATION_EDGES[i]
            return lower + (upper - lower) * (rank - seen) / count
        seen += count
    return float(DURATION_EDGES[-1])


def duration(sums: Sums, prefix: str, count: str, seconds: str) -> Duration:
    n = sums.get(count, 0)
    histogram = [sums.get(f"{prefix}_h{i:02d}", 0) for i in range(HISTOGRAM_BUCKETS)]
    return Duration(
        count=n,
        average_seconds=sums.get(seconds, 0) / n if n else None,
        p50_seconds=percentile(histogram, 0.5),
        p90_seconds=percentile(histogram, 0.9),
    )


def composite(components: Mapping[str, float | None], weights: Mapping[str, float]) -> CompositeIndex:
    """Σ wᵢ·sᵢ / Σ wᵢ over the components that have a score (each sᵢ on 0-100)."""
    used = {k: w for k, w in weights.items() if w > 0 and components.get(k) is not None}
    total = sum(used.values())
    value = sum(w * components[k] for k, w in used.items()) / total if total else None  # type: ignore[operator]
    return CompositeIndex(value=value, weights=dict(weights), components=dict(components))


def figures(
    sums: Sums,
    *,
    targets: Mapping[str, float],
    csi_weights: Mapping[str, float],
    sqs_weights: Mapping[str, float],
) -> Figures:
    """Every figure of one period and filter from the summed measures."""
    s = lambda name: sums.get(name, 0)  # noqa: E731
    opened = s("opened")
    csat_answers = s("csat_answers")
    nps_answers = s("nps_answers")
    promoters, detractors = s("nps_promoters"), s("nps_detractors")
    result = Figures(
        volume=opened,
        complaints=s("complaints"),
        timeliness_rate=rate(s("clocks_met"), s("clocks_due"), targets.get("timeliness_rate")),
        satisfaction_rate=rate(s("satisfied"), s("verdicts"), targets.get("satisfaction_rate")),
        resolution_rate=rate(s("resolved_accepted"), opened, targets.get("resolution_rate")),
        closure_rate=rate(s("closed_loop"), opened, targets.get("closure_rate")),
        closed_rate=rate(s("closed"), opened),
        csat=Csat(
            rate=s("csat_top2") / csat_answers if csat_answers else None,
            mean=s("csat_sum") / csat_answers if csat_answers else None,
            answers=csat_answers,
            top2=s("csat_top2"),
        ),
        nps=Nps(
            score=100 * (promoters - detractors) / nps_answers if nps_answers else None,
            promoters=promoters,
            passives=nps_answers - promoters - detractors,
            detractors=detractors,
            answers=nps_answers,
        ),
        fcr_rate=rate(s("fcr"), s("resolved")),
        first_response=duration(sums, "ack", "acknowledged", "ack_seconds"),
        resolution_time=duration(sums, "res", "resolution_count", "resolution_seconds"),
        escalation_rate=rate(s("escalated"), opened, lower_is_better=True),
        repeat_rate=rate(s("repeats"), opened, lower_is_better=True),
        breaches=s("breaches"),
    )
    result.avg_first_response_seconds = result.first_response.average_seconds
    result.avg_resolution_seconds = result.resolution_time.average_seconds
    result.csi = composite(
        {
            "csat": (result.csat.mean - 1) / 4 * 100 if result.csat.mean is not None else None,
            "satisfaction": _pct(result.satisfaction_rate.value),
            "nps": (result.nps.score + 100) / 2 if result.nps.score is not None else None,
        },
        csi_weights,
    )
    components: dict[str, float | None] = {}
    for name in sqs_weights:
        figure = getattr(result, name, None)
        value = figure.value if isinstance(figure, Rate) else None
        if value is not None and name in LOWER_IS_BETTER:
            value = 1 - value
        components[name] = _pct(value)
    result.sqs = composite(components, sqs_weights)
    return result


def _pct(value: float | None) -> float | None:
    return None if value is None else value * 100
