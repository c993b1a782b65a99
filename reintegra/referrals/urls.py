from django.urls import path

from reintegra.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("network/", views.network, name="network"),
    path("<id:referral_id>/", views.referral, name="referral"),
    path("<id:referral_id>/consent/", views.consent, name="consent"),
    path("<id:referral_id>/send/", views.send, name="send"),
    path("<id:referral_id>/move/", views.move, name="move"),
    path("<id:referral_id>/case/", views.shared_case, name="shared_case"),
    path("for-case/<id:case_id>/", views.case_referrals, name="case"),
]
