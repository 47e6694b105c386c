"""Settings from the environment (prefix ``APP_``) and an optional ``.env`` file."""

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="APP_", env_file=".env", extra="ignore"
    )

    project_name: str = {{ cookiecutter.project_name|quoted }}
    log_level: str = "INFO"


@lru_cache
def get_settings() -> Settings:
    return Settings()
