"""Views of the accounts app; ``lockout_response`` is referenced by AXES_LOCKOUT_CALLABLE in the settings."""

from .administration import (
    TeamCreateView,
    TeamEditView,
    TeamListView,
    UserCreateView,
    UserEditView,
    UserListView,
    UserResetOtpView,
    UserSetPasswordView,
    UserUnlockView,
)
from .auth import LoggedOutView, LoginView, LogoutView, OtpView, PasswordChangeView, lockout_response

__all__ = [
    "LoggedOutView",
    "LoginView",
    "LogoutView",
    "OtpView",
    "PasswordChangeView",
    "TeamCreateView",
    "TeamEditView",
    "TeamListView",
    "UserCreateView",
    "UserEditView",
    "UserListView",
    "UserResetOtpView",
    "UserSetPasswordView",
    "UserUnlockView",
    "lockout_response",
]
