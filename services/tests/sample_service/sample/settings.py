from closeloop.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "sample"
