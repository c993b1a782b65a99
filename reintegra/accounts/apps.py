from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "reintegra.accounts"
    label = "accounts"
    verbose_name = "Accounts"
