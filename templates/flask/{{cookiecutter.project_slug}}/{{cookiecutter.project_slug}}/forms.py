"""The account forms. Every FlaskForm carries a CSRF token and refuses a post without it."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from .models import find_user

PASSWORD_LENGTH = Length(min=8, max=256)


class LoginForm(FlaskForm):
    email = EmailField("E-mail address", validators=[DataRequired(), Email()])
    password = PasswordField("Password", validators=[DataRequired()])


class RegisterForm(FlaskForm):
    email = EmailField(
        "E-mail address", validators=[DataRequired(), Email(), Length(max=254)]
    )
    password = PasswordField("Password", validators=[DataRequired(), PASSWORD_LENGTH])
    confirm = PasswordField(
        "Repeat the password",
        validators=[DataRequired(), EqualTo("password", message="They differ.")],
    )

    def validate_email(self, field: EmailField) -> None:
        if field.data and find_user(field.data) is not None:
            raise ValidationError("An account with this e-mail address exists already.")


class LogoutForm(FlaskForm):
    """No fields but the CSRF token, so that no other site can log a user out."""
