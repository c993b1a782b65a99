from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reintegra.reports"
    label = "reports"
    verbose_name = "Monitoring reports"

    def ready(self) -> None:
        # The counting categories follow every saved case and person. Connected here, from the
        # reports side: reports builds on cases, so cases must not import reports (that would be
        # a cycle, and every app below reports would learn about it).
        from reintegra.reports import statistics

        statistics.connect()
