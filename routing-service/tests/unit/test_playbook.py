from routing.tasks.playbook import follow_up, missing_details, required_tasks


def _codes(tasks) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.code for t in tasks]


def test_each_kind_of_safety_case_gets_the_tasks_the_rules_require():
    assert _codes(required_tasks("safety", "food_safety")) == ["seal_product", "keep_sample", "record_illness"]
    assert _codes(required_tasks("safety", "injury")) == ["first_aid", "preserve_cctv", "incident_report"]
    assert _codes(required_tasks("safety", "fire")) == ["clear_hazard", "photo_evidence"]


def test_cases_that_are_not_safety_get_no_tasks():
    assert required_tasks("product", "quality") == ()
    assert required_tasks("safety", None) == ()


def test_two_people_ill_means_the_regulator_must_be_told():
    assert _codes(follow_up("record_illness", {"ill_count": 2})) == ["notify_regulator"]
    assert follow_up("record_illness", {"ill_count": 1}) == ()


def test_record_illness_must_record_how_many_people_are_ill():
    assert missing_details("record_illness", {}) is not None
    assert missing_details("record_illness", {"ill_count": True}) is not None
    assert missing_details("record_illness", {"ill_count": 0}) is None
    assert missing_details("seal_product", {}) is None


def test_the_first_aid_deadline_is_shorter_than_the_report():
    first_aid, _, report = required_tasks("safety", "injury")
    assert first_aid.due_minutes < report.due_minutes


def test_a_hazard_still_there_is_cleared_and_photographed_like_a_fire_hazard():
    assert _codes(required_tasks("safety", "hazard")) == ["clear_hazard", "photo_evidence"]
