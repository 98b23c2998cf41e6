"""Users, workspaces, roles, sessions and tokens through the service layer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from fopymes_server.core import security
from fopymes_server.core.clock import fixed_clock
from fopymes_server.core.context import AppContext
from fopymes_server.core.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    ValidationError,
)
from fopymes_server.core.principal import Role
from fopymes_server.identity import service as identity
from tests.factories import PASSWORD, add_member, new_owner, random_email

DAY = timedelta(days=1)


def _login(ctx: AppContext, email: str, password: str = PASSWORD) -> str:
    with ctx.uow() as uow:
        return identity.login(uow, email=email, password=password, lifetime=DAY)[1]


def _whoami(ctx: AppContext, token: str) -> int:
    with ctx.uow(write=False) as uow:
        return identity.authenticate(uow, token).user.id


def test_emails_are_unique_in_any_case_and_setup_reuses_the_account(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        again = identity.setup(
            uow,
            email=owner.email.upper(),
            name="Owner",
            password=PASSWORD,
            workspace_name="Second",
            currency="USD",
        )
    assert not again.created_user
    assert again.user.id == owner.principal.user_id
    with ctx.uow(write=False) as uow:
        names = [m.workspace.name for m in identity.workspaces(uow, owner.principal.user_id)]
    assert names == ["Books", "Second"]


def test_setup_with_an_existing_email_and_another_password_is_refused(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with pytest.raises(AuthenticationError), ctx.uow() as uow:
        identity.setup(
            uow,
            email=owner.email,
            name="x",
            password="other password",
            workspace_name="W",
            currency="EUR",
        )


def test_passwords_are_hashed_with_argon2id_at_or_above_the_owasp_floor(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with ctx.uow(write=False) as uow:
        stored = uow.identity.user_by_email(owner.email)
    assert stored is not None
    assert stored.password_hash.startswith("$argon2id$")
    parts = dict(p.split("=") for p in stored.password_hash.split("$")[3].split(","))
    assert int(parts["m"]) >= 19_456
    assert int(parts["t"]) >= 2
    assert int(parts["p"]) >= 1


def test_login_gives_a_token_another_process_accepts(
    ctx: AppContext, database_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from fopymes_server.core.context import build_context
    from fopymes_server.core.settings import Settings

    owner = new_owner(ctx)
    token = _login(ctx, owner.email)
    other = build_context(Settings(database_url=database_url, home=tmp_path / "other"))
    try:
        assert _whoami(other, token) == owner.principal.user_id
    finally:
        other.close()


def test_wrong_password_and_unknown_email_give_the_same_error(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with pytest.raises(AuthenticationError) as wrong:
        _login(ctx, owner.email, "not the password")
    with pytest.raises(AuthenticationError) as unknown:
        _login(ctx, random_email(), PASSWORD)
    assert wrong.value.message == unknown.value.message


def _secret(ctx: AppContext) -> str:
    with ctx.uow(write=False) as uow:
        secret = uow.identity.signing_secret()
    assert secret
    return secret


def test_expired_tampered_and_forged_tokens_are_refused(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    token = _login(ctx, owner.email)
    header, payload, signature = token.split(".")
    tampered = ".".join(
        [header, payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB"), signature]
    )
    now = datetime.now(UTC)
    claims = {
        "sub": str(owner.principal.user_id),
        "gen": 0,
        "typ": "session",
        "iss": "fopymes",
        "aud": "fopymes",
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + DAY).timestamp()),
    }
    forged_key = jwt.encode(
        claims, "another secret of enough length for hs256!!", algorithm="HS256"
    )
    alg_none = jwt.encode(claims, None, algorithm="none")  # type: ignore[arg-type]
    wrong_audience = jwt.encode({**claims, "aud": "someone-else"}, _secret(ctx), algorithm="HS256")
    no_exp = jwt.encode(
        {k: v for k, v in claims.items() if k != "exp"}, _secret(ctx), algorithm="HS256"
    )
    for bad in (tampered, forged_key, alg_none, wrong_audience, no_exp, "garbage"):
        with pytest.raises(AuthenticationError):
            _whoami(ctx, bad)
    later = AppContext(ctx.settings, ctx.database, fixed_clock(now + 2 * DAY))
    with pytest.raises(AuthenticationError, match="expired"):
        _whoami(later, token)


def test_changing_the_password_ends_existing_sessions_and_tokens(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    session = _login(ctx, owner.email)
    with ctx.uow() as uow:
        pat = identity.create_token(uow, owner.principal.user_id, name="cron", expires_in_days=None)
    with ctx.uow() as uow:
        identity.change_password(
            uow, owner.principal.user_id, current=PASSWORD, new="a brand new secret"
        )
    for old in (session, pat.secret):
        with pytest.raises(AuthenticationError):
            _whoami(ctx, old)
    assert _whoami(ctx, _login(ctx, owner.email, "a brand new secret")) == owner.principal.user_id


def test_change_password_checks_the_current_one_and_the_rules(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        with pytest.raises(AuthenticationError):
            identity.change_password(
                uow, owner.principal.user_id, current="wrong", new="long enough pw"
            )
        with pytest.raises(ValidationError, match="at least"):
            identity.change_password(uow, owner.principal.user_id, current=PASSWORD, new="short")


def test_personal_tokens_authenticate_until_revoked_or_expired(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        created = identity.create_token(
            uow, owner.principal.user_id, name="cron", expires_in_days=7
        )
    assert created.secret.startswith("fop_")
    with ctx.uow(write=False) as uow:
        listed = identity.tokens(uow, owner.principal.user_id)
        stored_hash = uow.identity.token_by_hash(security.token_digest(created.secret))
    assert [t.name for t in listed] == ["cron"]
    assert stored_hash is not None
    assert created.secret not in repr(listed)
    assert _whoami(ctx, created.secret) == owner.principal.user_id
    later = AppContext(ctx.settings, ctx.database, fixed_clock(datetime.now(UTC) + 8 * DAY))
    with pytest.raises(AuthenticationError, match="expired"):
        _whoami(later, created.secret)
    with ctx.uow() as uow:
        identity.revoke_token(uow, owner.principal.user_id, created.token.id)
    with pytest.raises(AuthenticationError):
        _whoami(ctx, created.secret)


def test_nobody_revokes_another_users_token(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    stranger = new_owner(ctx)
    with ctx.uow() as uow:
        created = identity.create_token(
            uow, owner.principal.user_id, name="cron", expires_in_days=None
        )
    with pytest.raises(NotFoundError), ctx.uow() as uow:
        identity.revoke_token(uow, stranger.principal.user_id, created.token.id)
    assert _whoami(ctx, created.secret) == owner.principal.user_id


def test_only_owners_manage_members_and_editors_cannot(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    editor = add_member(ctx, owner, Role.EDITOR)
    with ctx.uow() as uow:
        with pytest.raises(PermissionDeniedError):
            identity.add_member(uow, editor.principal, email=random_email(), role=Role.VIEWER)
        with pytest.raises(PermissionDeniedError):
            identity.change_role(uow, editor.principal, email=editor.email, role=Role.OWNER)
        with pytest.raises(PermissionDeniedError):
            identity.remove_member(uow, editor.principal, email=owner.email)


def test_adding_a_member_twice_conflicts_and_new_users_get_a_first_password(
    ctx: AppContext,
) -> None:
    owner = new_owner(ctx)
    email = random_email()
    with ctx.uow() as uow:
        added = identity.add_member(uow, owner.principal, email=email, role=Role.VIEWER)
    assert added.initial_password
    assert _login(ctx, email, added.initial_password)
    with pytest.raises(ConflictError), ctx.uow() as uow:
        identity.add_member(uow, owner.principal, email=email, role=Role.EDITOR)


def test_the_last_owner_cannot_leave_or_step_down(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    with ctx.uow() as uow:
        with pytest.raises(RuleViolationError):
            identity.change_role(uow, owner.principal, email=owner.email, role=Role.EDITOR)
        with pytest.raises(RuleViolationError):
            identity.remove_member(uow, owner.principal, email=owner.email)


def test_removing_a_member_ends_their_sessions_and_access(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    editor = add_member(ctx, owner, Role.EDITOR)
    with ctx.uow() as uow:
        identity.change_password(
            uow,
            editor.principal.user_id,
            current=editor.password,
            new="editor password 1",
        )
    session = _login(ctx, editor.email, "editor password 1")
    with ctx.uow() as uow:
        identity.remove_member(uow, owner.principal, email=editor.email)
    with pytest.raises(AuthenticationError):
        _whoami(ctx, session)
    with pytest.raises(NotFoundError), ctx.uow(write=False) as uow:
        identity.principal_for(uow, editor.principal.user_id, editor.principal.workspace_id)


def test_nobody_sees_a_workspace_they_are_not_a_member_of(ctx: AppContext) -> None:
    owner = new_owner(ctx)
    stranger = new_owner(ctx)
    with ctx.uow(write=False) as uow:
        with pytest.raises(NotFoundError):
            identity.principal_for(uow, stranger.principal.user_id, owner.principal.workspace_id)
        with pytest.raises(NotFoundError):
            identity.principal_for(uow, stranger.principal.user_id, "Books-that-do-not-exist")
        members = identity.members(uow, owner.principal)
    assert [m.email for m in members] == [owner.email]


def test_a_new_workspace_is_seeded_with_everyday_categories_and_cash(ctx: AppContext) -> None:
    from fopymes_server.accounts import service as methods
    from fopymes_server.categories import service as categories

    owner = new_owner(ctx)
    with ctx.uow(write=False) as uow:
        names = {c.name for c in categories.list_categories(uow, owner.principal)}
        method_names = [m.name for m in methods.list_methods(uow, owner.principal)]
    assert {
        "Groceries",
        "Restaurants",
        "Housing",
        "Utilities",
        "Transport",
        "Health",
        "Education",
        "Leisure",
        "Clothing",
        "Other expenses",
        "Salary",
        "Freelance",
        "Other income",
    } <= names
    assert method_names == ["Cash"]
