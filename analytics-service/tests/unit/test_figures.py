"""The arithmetic of each figure from rollup sums."""

from __future__ import annotations

import pytest

from analytics.kpis.figures import composite, figures, percentile, rate
from analytics.rollups.grains import DURATION_EDGES, HISTOGRAM_BUCKETS

TARGETS = {"timeliness_rate": 0.95, "satisfaction_rate": 0.9, "resolution_rate": 0.9, "closure_rate": 0.95}
CSI = {"csat": 0.4, "satisfaction": 0.4, "nps": 0.2}
SQS = {"timeliness_rate": 0.5, "repeat_rate": 0.5}


def test_rate_is_numerator_over_denominator_and_judged_against_its_target():
    assert rate(19, 20, 0.95).value == pytest.approx(0.95) and rate(19, 20, 0.95).target_met is True
    assert rate(18, 20, 0.95).target_met is False


def test_rate_without_denominator_has_no_value_and_no_verdict():
    empty = rate(0, 0, 0.9)
    assert empty.value is None and empty.target_met is None


def test_lower_is_better_rate_meets_its_target_from_below():
    assert rate(1, 10, 0.2, lower_is_better=True).target_met is True


def test_percentile_interpolates_inside_its_bucket():
    histogram = [0] * HISTOGRAM_BUCKETS
    histogram[1] = 4  # four answers between 60 s and 300 s
    assert percentile(histogram, 0.5) == pytest.approx(60 + (300 - 60) * 0.5)
    assert percentile(histogram, 1.0) == pytest.approx(300)


def test_percentile_in_the_open_last_bucket_reports_its_lower_edge():
    histogram = [0] * HISTOGRAM_BUCKETS
    histogram[-1] = 1
    assert percentile(histogram, 0.9) == DURATION_EDGES[-1]


def test_percentile_of_nothing_is_none():
    assert percentile([0] * HISTOGRAM_BUCKETS, 0.5) is None


def test_nps_is_promoters_minus_detractors_in_percent():
    result = figures({"nps_answers": 10, "nps_promoters": 5, "nps_detractors": 2}, targets=TARGETS, csi_weights=CSI, sqs_weights=SQS)
    assert result.nps.score == pytest.approx(30.0) and result.nps.passives == 3


def test_csat_is_the_share_of_fours_and_fives_and_its_mean():
    result = figures({"csat_answers": 4, "csat_top2": 3, "csat_sum": 17}, targets=TARGETS, csi_weights=CSI, sqs_weights=SQS)
    assert result.csat.rate == pytest.approx(0.75) and result.csat.mean == pytest.approx(4.25)


def test_cohort_rates_divide_by_cases_opened():
    sums = {"opened": 8, "closed_loop": 6, "closed": 7, "resolved_accepted": 5, "escalated": 2, "repeats": 1,
            "resolved": 4, "fcr": 3}
    result = figures(sums, targets=TARGETS, csi_weights=CSI, sqs_weights=SQS)
    assert result.closure_rate.value == pytest.approx(6 / 8)
    assert result.closed_rate.value == pytest.approx(7 / 8)
    assert result.resolution_rate.value == pytest.approx(5 / 8)
    assert result.escalation_rate.value == pytest.approx(2 / 8)
    assert result.repeat_rate.value == pytest.approx(1 / 8)
    assert result.fcr_rate.value == pytest.approx(3 / 4)  # over resolved cases, not opened


def test_averages_divide_summed_seconds_by_measured_cases():
    result = figures({"acknowledged": 4, "ack_seconds": 6000, "resolution_count": 2, "resolution_seconds": 7200},
                     targets=TARGETS, csi_weights=CSI, sqs_weights=SQS)
    assert result.avg_first_response_seconds == pytest.approx(1500)
    assert result.avg_resolution_seconds == pytest.approx(3600)


def test_sqs_inverts_lower_is_better_figures():
    sums = {"clocks_due": 10, "clocks_met": 9, "opened": 10, "repeats": 2}
    result = figures(sums, targets=TARGETS, csi_weights=CSI, sqs_weights=SQS)
    assert result.sqs.components == {"timeliness_rate": pytest.approx(90.0), "repeat_rate": pytest.approx(80.0)}
    assert result.sqs.value == pytest.approx(85.0)


def test_composite_ignores_components_without_a_score():
    index = composite({"a": 80.0, "b": None}, {"a": 1.0, "b": 3.0})
    assert index.value == pytest.approx(80.0)


def test_composite_with_no_scores_is_none():
    assert composite({"a": None}, {"a": 1.0}).value is None
