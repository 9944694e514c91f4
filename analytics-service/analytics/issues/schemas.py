from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class Movement(BaseModel):
    cases: int = Field(description="Cases opened in the period that carry this term.")
    previous_cases: int = Field(description="The same count in the previous period of equal length.")
    change: int = Field(description="cases − previous_cases.")
    change_rate: float | None = Field(description="change ÷ previous_cases; null when previous_cases is 0.")


class ThemeWord(Movement):
    word: str


class Issue(Movement):
    subcategory: str
    theme_words: list[ThemeWord] = Field(description="The theme words most often found in this issue's cases.")


class TopIssues(BaseModel):
    start: date
    end: date
    previous_start: date
    previous_end: date = Field(description="The previous period: the previous calendar month for a whole month, else the same number of days just before.")
    issues: list[Issue] = Field(description="Top subcategories by cases opened in the period.")
    theme_words: list[ThemeWord] = Field(description="Top theme words (主題詞) by cases opened in the period.")
