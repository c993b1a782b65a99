from django.contrib import admin

from reintegra.orgs.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "org_type", "country", "time_zone", "holds_cases"]
    list_filter = ["org_type", "country", "holds_cases"]
    search_fields = ["name", "code"]
