"""Choosing the rollup grain a question is answered from."""

from __future__ import annotations

import pytest

from analytics.rollups.grains import CASES, ISSUES
from closeloop.problems import Problem


def test_no_filter_reads_the_chain_grain():
    assert CASES.grain_for(set()).dims == frozenset()


def test_a_store_filter_reads_the_store_grain_not_a_finer_one():
    assert CASES.grain_for({"store_id"}).dims == {"region_id", "store_id"}


def test_a_store_filter_grouped_by_category_reads_the_finest_grain_through_the_store_index():
    assert CASES.grain_for({"store_id", "category"}).dims == set(CASES.dims)


def test_an_assignee_filter_reads_the_appraisal_grain():
    assert "assignee_id" in CASES.grain_for({"assignee_id"}).dims
    assert "category" not in CASES.grain_for({"assignee_id"}).dims


def test_a_dimension_no_grain_keeps_is_a_422_problem():
    with pytest.raises(Problem) as raised:
        ISSUES.grain_for({"term_kind", "term", "parent", "assignee_id"})
    assert raised.value.status == 422 and "assignee_id" in str(raised.value.detail)
