"""Countries' rules are configuration an installation's administrator keeps true: the seeded
figures are from 2013. A person's steps are case data and stay out of the admin."""

from django.contrib import admin

from reintegra.legal.models import Closure, CountryRules, StayRule


class StayRuleInline(admin.StackedInline):
    model = StayRule
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 1


@admin.register(CountryRules)
class CountryRulesAdmin(admin.ModelAdmin):
    list_display = ["country", "mechanism", "first_decision_working_days", "holiday_subdivision"]
    inlines = [StayRuleInline, ClosureInline]
