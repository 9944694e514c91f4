from closeloop.settings import ServiceSettings


def test_plain_database_and_kafka_variables_point_at_external_servers(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db.example:5432/closeloop")
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9092,kafka-1:9092")
    settings = ServiceSettings()
    assert settings.database_url == "postgresql+asyncpg://u:p@db.example:5432/closeloop"
    assert settings.kafka_bootstrap_servers == "kafka-0:9092,kafka-1:9092"


def test_prefixed_variables_win_over_plain_ones(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://plain/db")
    monkeypatch.setenv("CLOSELOOP_DATABASE_URL", "postgresql://prefixed/db")
    assert ServiceSettings().database_url.endswith("//prefixed/db")
