from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.core.exceptions import ImproperlyConfigured


@register()
def keys_configured(app_configs: Any, **kwargs: Any) -> list[Error]:
    from reintegra.core.keys import keyring

    try:
        keyring()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="reintegra.E001")]
    return []


@register(deploy=False)
def demo_mode_is_loud(app_configs: Any, **kwargs: Any) -> list[Warning]:
    if not settings.DEMO_MODE:
        return []
    return [
        Warning(
            "DEMO MODE: the second sign-in factor is NOT enforced. Use fictional data only.",
            hint="Unset REINTEGRA_DEMO_MODE for any real use.",
            id="reintegra.W001",
        )
    ]
