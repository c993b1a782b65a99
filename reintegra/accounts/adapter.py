from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest

from reintegra.core import crypto
from reintegra.core.http import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are created by organisation administrators; nobody signs themselves up.
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        # The lockout counts per address as the access log records it: the real client behind
        # the configured number of proxies, not the proxy's own address.
        return client_ip(request) or "unknown"


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds are encrypted like every other secret at rest;
    allauth's default stores them as they are."""

    context = "mfa.authenticator.data"

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text, context=self.context)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text, context=self.context)
