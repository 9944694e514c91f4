"""The figures as the API returns them; each field's description is the figure's definition (part of the contract)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

PERIOD_RULES = (
    "Days, weeks (Monday to Sunday), months, quarters, half-years and years are the store's local calendar: "
    "each event counts on the day it happened in its store's time zone. Cohort figures (volume, closure, "
    "resolution, first-contact resolution, escalation, repeat, response and resolution times) count the cases "
    "OPENED in the period, with their state now. satisfaction_rate counts each case's LATEST verdict on the day it "
    "was recorded; csat and nps count every survey answer on the day it was recorded; timeliness_rate counts "
    "handling clocks on the day they FELL DUE."
)


class Rate(BaseModel):
    value: float | None = Field(description="numerator ÷ denominator (0-1); null when the denominator is 0.")
    numerator: int
    denominator: int
    target: float | None = Field(default=None, description="The rule's target for this figure (0-1), if it has one.")
    target_met: bool | None = Field(default=None, description="Whether value meets the target; null without both.")


class Duration(BaseModel):
    count: int = Field(description="Cases measured.")
    average_seconds: float | None
    p50_seconds: float | None = Field(
        description="Median, interpolated inside fixed log-spaced buckets (edges 1 min, 5 min, 15 min, 30 min, 1 h, "
        "2 h, 4 h, 8 h, 12 h, 24 h, 36 h, 48 h, 72 h, 96 h, 7 d, then open): exact to the bucket."
    )
    p90_seconds: float | None = Field(description="90th percentile, bucketed like p50_seconds.")


class Csat(BaseModel):
    rate: float | None = Field(description="Share of CSAT answers (1-5) that are 4 or 5.")
    mean: float | None = Field(description="Mean CSAT answer (1-5).")
    answers: int
    top2: int = Field(description="Answers of 4 or 5.")


class Nps(BaseModel):
    score: float | None = Field(description="% promoters (9-10) − % detractors (0-6), −100…100.")
    promoters: int
    passives: int
    detractors: int
    answers: int


class CompositeIndex(BaseModel):
    value: float | None = Field(description="Σ weight·score ÷ Σ weight over the components that have a score (0-100).")
    weights: dict[str, float]
    components: dict[str, float | None] = Field(description="Each component's score, normalised to 0-100.")


class Figures(BaseModel):
    """Every figure of one period and filter."""

    volume: int = Field(description="Cases opened in the period.")
    complaints: int = Field(description="Cases opened in the period whose kind is complaint.")
    timeliness_rate: Rate = Field(
        description="處理及時率: handling clocks met ÷ handling clocks that fell due in the period and ended (met, or "
        "breached). Handling clocks are those named in the setting timeliness_clocks (the urgency's deadline; "
        "urgent cases included). A clock still running does not count until it ends. Target 95%."
    )
    satisfaction_rate: Rate = Field(
        description="顧客滿意度: satisfied customers ÷ customers whose verdict (callback 回訪 or survey) was recorded in "
        "the period, counted once per case by its latest verdict (on the day that verdict was recorded; an earlier "
        "verdict superseded by a later one no longer counts). Target 90%."
    )
    resolution_rate: Rate = Field(
        description="問題解決率: cases opened in the period whose customer accepted the result (latest verdict satisfied, "
        "not marked unresolved, and no reopening after it), or minor cases closed without a callback and not "
        "reopened within resolution_reopen_window_days (default 7) of closing ÷ cases opened. Target 90%."
    )
    closure_rate: Rate = Field(
        description="閉環率: cases opened in the period that are closed with the loop confirmed ÷ cases opened. A closed "
        "case counts when routing marked the loop confirmed (the customer confirmed the result, or a minor case "
        "needed no callback) or, where a confirmation score was recorded, when it is at least "
        "closure_score_threshold (default 80 of 100); a reopened case counts again only once closed again. Target 95%."
    )
    closed_rate: Rate = Field(description="Cases opened in the period that are closed now (whatever their score) ÷ cases opened.")
    csat: Csat = Field(description="Survey and callback CSAT answers recorded in the period.")
    nps: Nps = Field(description="Survey NPS answers recorded in the period.")
    fcr_rate: Rate = Field(
        description="Cases opened in the period and resolved at the first contact ÷ cases opened in the period that are resolved."
    )
    avg_first_response_seconds: float | None = Field(
        default=None, description="Mean time from opening to first contact (初次溝通) over the cases opened in the period that had one."
    )
    first_response: Duration = Field(description="Opening → first contact, for cases opened in the period.")
    avg_resolution_seconds: float | None = Field(
        default=None, description="Mean time from opening to (latest) resolution over cases opened in the period and resolved."
    )
    resolution_time: Duration = Field(description="Opening → resolution, for cases opened in the period and resolved.")
    escalation_rate: Rate = Field(
        description="Cases opened in the period that were escalated at least once (an escalation event, or a clock "
        "breached, which escalates up the ladder) ÷ cases opened."
    )
    repeat_rate: Rate = Field(
        description="重複問題發生率: cases opened in the period whose customer had another case of the same subcategory "
        "opened in the previous repeat_window_days (default 30) ÷ cases opened."
    )
    breaches: int = Field(description="Clock breaches (any clock) that happened in the period.")
    csi: CompositeIndex = Field(
        default_factory=lambda: CompositeIndex(value=None, weights={}, components={}),
        description="顧客滿意度指數: weighted satisfaction dimensions, each on 0-100: csat = (mean − 1) ÷ 4 × 100, "
        "satisfaction = satisfaction_rate × 100, nps = (NPS + 100) ÷ 2. Weights: setting csi_weights or the "
        "csi_weights query parameter.",
    )
    sqs: CompositeIndex = Field(
        default_factory=lambda: CompositeIndex(value=None, weights={}, components={}),
        description="服務質量評分: weighted key figures, each on 0-100 (rate × 100; repeat_rate and escalation_rate as "
        "(1 − rate) × 100). Weights: setting sqs_weights or the sqs_weights query parameter.",
    )


class PeriodFigures(Figures):
    start: date = Field(description="First local day of the period.")
    end: date = Field(description="Last local day of the period (inclusive).")


class Kpis(Figures):
    start: date = Field(description="First local day (inclusive).")
    end: date = Field(description="Last local day (inclusive).")
    filters: dict[str, str | list[str]] = Field(description="The filters applied.")
    period_rules: str = Field(default=PERIOD_RULES, description="How events are attributed to periods.")
    by_category: dict[str, int] = Field(description="Cases opened per category (反饋性質).")
    by_urgency: dict[str, int] = Field(description="Cases opened per urgency (緊急程度).")
    by_channel: dict[str, int] = Field(description="Cases opened per channel (反饋渠道).")
    by_kind: dict[str, int] = Field(description="Cases opened per kind.")
    granularity: str | None = None
    series: list[PeriodFigures] | None = Field(
        default=None, description="The same figures per period of the granularity, when one is given."
    )
