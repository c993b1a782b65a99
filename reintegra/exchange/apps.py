from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "reintegra.exchange"
    label = "exchange"
    verbose_name = "Exchange between installations"
