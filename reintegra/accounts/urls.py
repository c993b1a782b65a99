from django.urls import path

from reintegra.accounts import views

app_name = "accounts"
urlpatterns = [
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("second-factor/", views.enrolment_needed, name="enrolment_needed"),
    path("tokens/", views.api_tokens, name="api_tokens"),
    path("tokens/<id:token_id>/revoke/", views.revoke_api_token, name="revoke_api_token"),
]
