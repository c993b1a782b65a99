from typing import Any

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def keys_configured(app_configs: Any, **kwargs: Any) -> list[Error]:
    from reintegra.core.keys import keyring

    try:
        keyring()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="reintegra.E001")]
    return []
