from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("zweiter-faktor/", views.OtpView.as_view(), name="otp"),
    path("abmelden/", views.LogoutView.as_view(), name="logout"),
    path("abgemeldet/", views.LoggedOutView.as_view(), name="logged_out"),
    path("passwort/", views.PasswordChangeView.as_view(), name="password_change"),
    # User administration (role Administration only).
    path("verwaltung/", views.UserListView.as_view(), name="user_list"),
    path("verwaltung/neu/", views.UserCreateView.as_view(), name="user_create"),
    path("verwaltung/<int:pk>/", views.UserEditView.as_view(), name="user_edit"),
    path("verwaltung/<int:pk>/passwort/", views.UserSetPasswordView.as_view(), name="user_set_password"),
    path(
        "verwaltung/<int:pk>/zweiter-faktor-zuruecksetzen/", views.UserResetOtpView.as_view(), name="user_reset_otp"
    ),
    path("verwaltung/<int:pk>/entsperren/", views.UserUnlockView.as_view(), name="user_unlock"),
    path("verwaltung/teams/", views.TeamListView.as_view(), name="team_list"),
    path("verwaltung/teams/neu/", views.TeamCreateView.as_view(), name="team_create"),
    path("verwaltung/teams/<int:pk>/", views.TeamEditView.as_view(), name="team_edit"),
]
