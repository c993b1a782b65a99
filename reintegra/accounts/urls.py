from django.urls import path

from reintegra.accounts import views

app_name = "accounts"
urlpatterns = [
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("second-factor/", views.enrolment_needed, name="enrolment_needed"),
    path("tokens/", views.api_tokens, name="api_tokens"),
    path("tokens/<id:token_id>/revoke/", views.revoke_api_token, name="revoke_api_token"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/invite/", views.staff_invite, name="staff_invite"),
    path("staff/<id:staff_id>/", views.staff_member, name="staff_member"),
    path("staff/<id:staff_id>/deactivate/", views.staff_deactivate, name="staff_deactivate"),
    path("staff/<id:staff_id>/reactivate/", views.staff_reactivate, name="staff_reactivate"),
    path("staff/<id:staff_id>/invitation/", views.staff_reinvite, name="staff_reinvite"),
    path("staff/<id:staff_id>/second-factor/", views.staff_reset_second_factor, name="staff_reset_second_factor"),
]
