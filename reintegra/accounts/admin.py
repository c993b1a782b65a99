from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from reintegra.accounts.models import ApiToken, RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["organisation", "is_active", "role_grants__role"]
    list_select_related = ["organisation"]
    inlines = [RoleGrantInline]
    fieldsets = (*BaseUserAdmin.fieldsets, (None, {"fields": ("organisation",)}))  # type: ignore[misc]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "label", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["user"]
    readonly_fields = ["user", "label", "created_at", "last_used_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # Tokens are issued with `manage.py create_api_token`, which shows the token once.
        return False
