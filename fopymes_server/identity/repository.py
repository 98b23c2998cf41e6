"""All SQL of the accounts feature; returns detached plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from fopymes_server.core.principal import Role
from fopymes_server.identity.models import (
    InstanceSecret,
    Membership,
    PersonalToken,
    User,
    Workspace,
)
from fopymes_server.identity.schemas import (
    MemberOut,
    MembershipOut,
    TokenOut,
    UserOut,
    WorkspaceOut,
)

TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)
"""How stale a personal token's `last_used_at` may get before a write refreshes it."""


@dataclass(frozen=True, slots=True)
class Credentials:
    """What login needs to know about a user; never leaves the service layer."""

    user: UserOut
    password_hash: str
    session_generation: int


@dataclass(frozen=True, slots=True)
class TokenRecord:
    user_id: int
    token_id: int
    expires_at: datetime | None
    revoked_at: datetime | None
    role: str | None = None
    """With `token_access`: the user's role in the workspace asked about (None: not a member)."""


class IdentityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- instance secret -------------------------------------------------------------
    def signing_secret(self) -> str | None:
        return self.session.scalar(select(InstanceSecret.secret).where(InstanceSecret.id == 1))

    def store_signing_secret(self, secret: str, now: datetime) -> None:
        self.session.add(InstanceSecret(id=1, secret=secret, created_at=now))
        self.session.flush()

    # --- users -----------------------------------------------------------------------
    def add_user(self, *, email: str, name: str, password_hash: str, now: datetime) -> UserOut:
        user = User(
            email=email,
            email_key=email.lower(),
            name=name,
            password_hash=password_hash,
            session_generation=0,
            created_at=now,
            updated_at=now,
        )
        self.session.add(user)
        self.session.flush()
        return UserOut.model_validate(user)

    def user_by_email(self, email: str) -> Credentials | None:
        user = self.session.scalar(select(User).where(User.email_key == email.strip().lower()))
        return _credentials(user) if user else None

    def user_by_id(self, user_id: int) -> Credentials | None:
        user = self.session.get(User, user_id)
        return _credentials(user) if user else None

    def count_users(self) -> int:
        return self.session.scalar(select(func.count()).select_from(User)) or 0

    def set_password(self, user_id: int, password_hash: str, now: datetime) -> None:
        self.session.execute(
            update(User)
            .where(User.id == user_id)
            .values(password_hash=password_hash, updated_at=now)
        )

    def bump_session_generation(self, user_id: int, now: datetime) -> None:
        self.session.execute(
            update(User)
            .where(User.id == user_id)
            .values(session_generation=User.session_generation + 1, updated_at=now)
        )

    # --- workspaces and memberships --------------------------------------------------
    def add_workspace(
        self, *, name: str, currency: str, user_id: int, now: datetime
    ) -> WorkspaceOut:
        workspace = Workspace(name=name, currency=currency, created_by=user_id, created_at=now)
        self.session.add(workspace)
        self.session.flush()
        return WorkspaceOut.model_validate(workspace)

    def workspace_ids(self) -> list[int]:
        """Every workspace, for jobs that visit each one (summaries, alerts)."""
        return list(self.session.scalars(select(Workspace.id).order_by(Workspace.id)))

    def workspace(self, workspace_id: int) -> WorkspaceOut | None:
        workspace = self.session.get(Workspace, workspace_id)
        return WorkspaceOut.model_validate(workspace) if workspace else None

    def add_membership(self, *, workspace_id: int, user_id: int, role: Role, now: datetime) -> None:
        self.session.add(
            Membership(workspace_id=workspace_id, user_id=user_id, role=role.value, created_at=now)
        )
        self.session.flush()

    def memberships_of(self, user_id: int) -> list[MembershipOut]:
        rows = self.session.execute(
            select(Workspace, Membership.role)
            .join(Membership, Membership.workspace_id == Workspace.id)
            .where(Membership.user_id == user_id)
            .order_by(Workspace.id)
        ).all()
        return [
            MembershipOut(workspace=WorkspaceOut.model_validate(ws), role=Role(role))
            for ws, role in rows
        ]

    def members_of(self, workspace_id: int) -> list[MemberOut]:
        rows = self.session.execute(
            select(User.id, User.email, User.name, Membership.role, Membership.created_at)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.workspace_id == workspace_id)
            .order_by(User.email_key)
        ).all()
        return [
            MemberOut(user_id=uid, email=email, name=name, role=Role(role), joined_at=joined)
            for uid, email, name, role, joined in rows
        ]

    def role_of(self, workspace_id: int, user_id: int) -> Role | None:
        role = self.session.scalar(
            select(Membership.role).where(
                Membership.workspace_id == workspace_id, Membership.user_id == user_id
            )
        )
        return Role(role) if role else None

    def set_role(self, workspace_id: int, user_id: int, role: Role) -> None:
        self.session.execute(
            update(Membership)
            .where(Membership.workspace_id == workspace_id, Membership.user_id == user_id)
            .values(role=role.value)
        )

    def remove_membership(self, workspace_id: int, user_id: int) -> None:
        membership = self.session.get(Membership, (workspace_id, user_id))
        if membership is not None:
            self.session.delete(membership)
            self.session.flush()

    def count_owners(self, workspace_id: int) -> int:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(Membership)
                .where(Membership.workspace_id == workspace_id, Membership.role == Role.OWNER.value)
            )
            or 0
        )

    def lock_workspace(self, workspace_id: int) -> None:
        """Serialise membership changes of one workspace (the last-owner rule needs it)."""
        self.session.execute(
            select(Workspace.id).where(Workspace.id == workspace_id).with_for_update()
        )

    # --- personal access tokens ------------------------------------------------------
    def add_token(
        self,
        *,
        user_id: int,
        name: str,
        token_hash: str,
        now: datetime,
        expires_at: datetime | None,
    ) -> TokenOut:
        token = PersonalToken(
            user_id=user_id, name=name, token_hash=token_hash, created_at=now, expires_at=expires_at
        )
        self.session.add(token)
        self.session.flush()
        return TokenOut.model_validate(token)

    def tokens_of(self, user_id: int) -> list[TokenOut]:
        rows = self.session.scalars(
            select(PersonalToken).where(PersonalToken.user_id == user_id).order_by(PersonalToken.id)
        ).all()
        return [TokenOut.model_validate(row) for row in rows]

    def token_by_hash(self, token_hash: str) -> TokenRecord | None:
        row = self.session.scalar(
            select(PersonalToken).where(PersonalToken.token_hash == token_hash)
        )
        if row is None:
            return None
        return TokenRecord(
            user_id=row.user_id,
            token_id=row.id,
            expires_at=row.expires_at,
            revoked_at=row.revoked_at,
        )

    def token_access(self, token_hash: str, workspace_id: int) -> TokenRecord | None:
        """The token of an existing user, with that user's role in `workspace_id`.

        One indexed query for what a request with a personal access token needs: the
        token by its unique hash, its user, and the membership by its primary key.
        """
        row = self.session.execute(
            select(
                PersonalToken.user_id,
                PersonalToken.id,
                PersonalToken.expires_at,
                PersonalToken.revoked_at,
                Membership.role,
            )
            .join(User, User.id == PersonalToken.user_id)
            .outerjoin(
                Membership,
                (Membership.user_id == PersonalToken.user_id)
                & (Membership.workspace_id == workspace_id),
            )
            .where(PersonalToken.token_hash == token_hash)
        ).one_or_none()
        return TokenRecord(*row) if row is not None else None

    def revoke_token(self, user_id: int, token_id: int, now: datetime) -> bool:
        result = self.session.execute(
            update(PersonalToken)
            .where(
                PersonalToken.id == token_id,
                PersonalToken.user_id == user_id,
                PersonalToken.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )
        return bool(getattr(result, "rowcount", 0))

    def revoke_all_tokens(self, user_id: int, now: datetime) -> None:
        self.session.execute(
            update(PersonalToken)
            .where(PersonalToken.user_id == user_id, PersonalToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    def touch_token(self, token_id: int, now: datetime) -> None:
        """Record a use, at most once per TOKEN_TOUCH_INTERVAL.

        The UPDATE locks the token's row until the request commits, so touching on every
        write made all writes with one token (a script, a shop's till) wait for each other,
        across server processes too. Once a minute is as precise as "last used" needs.
        """
        self.session.execute(
            update(PersonalToken)
            .where(
                PersonalToken.id == token_id,
                or_(
                    PersonalToken.last_used_at.is_(None),
                    PersonalToken.last_used_at <= now - TOKEN_TOUCH_INTERVAL,
                ),
            )
            .values(last_used_at=now)
        )


def _credentials(user: User) -> Credentials:
    return Credentials(
        user=UserOut.model_validate(user),
        password_hash=user.password_hash,
        session_generation=user.session_generation,
    )
