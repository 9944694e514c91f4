from routing.tasks.hazards import HAZARD_TEMPLATES, hazards_in, removal_tasks
from routing.tasks.playbook import missing_details, required_tasks


def _codes(tasks) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.code for t in tasks]


def test_every_food_safety_case_is_sealed_sampled_tested_counted_and_reported_to_the_regulator():
    assert _codes(required_tasks("safety", "food_safety")) == [
        "seal_product", "keep_sample", "preliminary_test", "record_illness", "notify_regulator"]


def test_injuries_get_first_aid_cctv_and_a_report():
    assert _codes(required_tasks("safety", "injury")) == ["first_aid", "preserve_cctv", "incident_report"]


def test_cases_that_are_not_safety_get_no_tasks():
    assert required_tasks("product", "quality") == ()
    assert required_tasks("safety", None) == ()


def test_record_illness_must_record_how_many_people_are_ill():
    assert missing_details("record_illness", {}) is not None
    assert missing_details("record_illness", {"ill_count": True}) is not None
    assert missing_details("record_illness", {"ill_count": 0}) is None
    assert missing_details("seal_product", {}) is None


def test_the_first_aid_deadline_is_shorter_than_the_report():
    first_aid, _, report = required_tasks("safety", "injury")
    assert first_aid.due_minutes < report.due_minutes


def test_hazards_are_read_in_either_script_and_in_english():
    assert hazards_in("三樓安全出口被紙箱堵住了") == ["blocked_exit"]
    assert hazards_in("地面很湿滑，没有警示牌") == ["wet_floor"]
    assert hazards_in("The wires behind the freezer are sparking") == ["sparking_wires"]
    assert hazards_in("貨架鬆動好像要倒下來，有人在打架") == ["loose_shelf", "fight_in_progress"]
    assert hazards_in("收銀員態度很差") == []


def test_each_hazard_type_has_a_removal_task_due_within_a_quarter_hour():
    for template in HAZARD_TEMPLATES.values():
        assert template.tasks[0].due_minutes <= 15, template.hazard


def test_tasks_two_hazards_share_are_opened_once():
    codes = _codes(removal_tasks(["wet_floor", "blocked_exit"]))
    assert codes == ["secure_wet_floor", "photo_evidence", "clear_exit"]
