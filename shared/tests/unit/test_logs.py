import json
import logging

from closeloop.logs import configure_logging, correlation_id, scrub


def test_scrub_masks_phones_and_emails():
    text = scrub("customer 13812345678 wrote from li.lei@example.com, +86 13987654321")
    assert "13812345678" not in text and "138****5678" in text
    assert "li.lei@example.com" not in text
    assert "13987654321" not in text


def test_log_lines_are_json_with_correlation_id_and_no_phone(capsys):
    configure_logging(service="test", level="INFO", json_output=True)
    token = correlation_id.set("corr-1")
    try:
        logging.getLogger("t").info("called back %s", "13812345678")
    finally:
        correlation_id.reset(token)
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line["service"] == "test" and line["correlation_id"] == "corr-1"
    assert "13812345678" not in json.dumps(line)
