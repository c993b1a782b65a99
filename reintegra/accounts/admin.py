from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.actions import issue_invitation
from reintegra.accounts.models import ApiToken, Invitation, RoleGrant, User


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
    actions = ["invite"]

    @admin.action(description=_("Issue an invitation link (password and second factor)"))
    def invite(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        # The link is shown once, here, to the administrator who passes it on; only its digest
        # is stored.
        for user in queryset:
            try:
                invitation, token = issue_invitation(user=user, issued_by=request.user)  # type: ignore[arg-type]
            except ValidationError as exc:
                self.message_user(request, f"{user.username}: {' '.join(exc.messages)}", messages.ERROR)
                continue
            link = request.build_absolute_uri(reverse("accounts:accept_invitation", kwargs={"token": token}))
            self.message_user(
                request,
                _("Invitation for %(user)s, valid until %(until)s: %(link)s")
                % {
                    "user": user.username,
                    "until": f"{timezone.localtime(invitation.expires_at):%Y-%m-%d %H:%M %Z}",
                    "link": link,
                },
                messages.WARNING,
            )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "issued_by", "issued_at", "expires_at", "used_at", "revoked_at"]
    list_select_related = ["user", "issued_by"]
    readonly_fields = ["user", "issued_by", "issued_at", "expires_at", "used_at", "revoked_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # Issued from the user list (action "Issue an invitation link") or `manage.py invite_user`.
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "label", "scope", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_select_related = ["user"]
    readonly_fields = ["user", "label", "scope", "created_at", "expires_at", "last_used_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # Tokens are issued by their owner (accounts:api_tokens) or `manage.py create_api_token`,
        # which show the secret once.
        return False
